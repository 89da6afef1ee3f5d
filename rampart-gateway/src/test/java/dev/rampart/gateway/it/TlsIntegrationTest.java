package dev.rampart.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rampart.gateway.server.TlsSettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TLS listener with a real certificate (made by openssl) and real TLS clients: TLS 1.3 and
 * 1.2 handshakes succeed with forward-secret AEAD suites only; TLS 1.1 and CBC suites are refused
 * by the server; HSTS on HTTPS; HTTP→HTTPS redirect; certificate reload without restart.
 */
class TlsIntegrationTest {

    @TempDir
    static Path dir;

    static TestUpstream upstream;
    static GatewayHarness gw;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Openssl.installed(), "openssl is not installed; .ci/run installs it");
        makeCertificate("first");
        upstream = new TestUpstream("tls-up");
        gw = GatewayHarness.start(dir, """
                listeners:
                  http:
                    host: 127.0.0.1
                    port: 0
                    redirect-to-https: true
                  https:
                    host: 127.0.0.1
                    port: 0
                    certificate: cert.pem
                    private-key: key.pem
                    reload-check-interval: 200ms
                routes:
                  - id: app
                    match:
                      path-prefix: /
                    upstream:
                      urls: [%s]
                """.formatted(upstream.url()), false);
    }

    @AfterAll
    static void stop() throws Exception {
        if (gw != null) {
            gw.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    private static void makeCertificate(String cn) throws Exception {
        Openssl.Result r = Openssl.run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", dir.resolve("key.pem.new").toString(), "-out", dir.resolve("cert.pem.new").toString(),
                "-days", "2", "-subj", "/CN=" + cn, "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1");
        assertThat(r.exitCode()).as(r.output()).isZero();
        Files.move(dir.resolve("key.pem.new"), dir.resolve("key.pem"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.move(dir.resolve("cert.pem.new"), dir.resolve("cert.pem"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static SSLContext trusting() throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        ks.setCertificateEntry("rampart", readCertificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    private static X509Certificate readCertificate() throws Exception {
        try (InputStream in = new ByteArrayInputStream(Files.readAllBytes(dir.resolve("cert.pem")))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static SSLSocket handshake(String protocol) throws Exception {
        SSLSocket s = (SSLSocket) trusting().getSocketFactory().createSocket("127.0.0.1", gw.gateway.httpsPort());
        s.setSoTimeout(5_000);
        s.setEnabledProtocols(new String[] {protocol});
        s.startHandshake();
        return s;
    }

    @Test
    void tls13HandshakeSucceedsWithAnAeadSuite() throws Exception {
        try (SSLSocket s = handshake("TLSv1.3")) {
            assertThat(s.getSession().getProtocol()).isEqualTo("TLSv1.3");
            assertThat(TlsSettings.CIPHER_SUITES).contains(s.getSession().getCipherSuite());
        }
    }

    @Test
    void tls12HandshakeSucceedsWithAForwardSecretAeadSuite() throws Exception {
        try (SSLSocket s = handshake("TLSv1.2")) {
            assertThat(s.getSession().getProtocol()).isEqualTo("TLSv1.2");
            assertThat(s.getSession().getCipherSuite()).startsWith("TLS_ECDHE_").containsAnyOf("_GCM_", "_CHACHA20_");
        }
    }

    @Test
    void tls11IsRefusedByTheServer() throws Exception {
        // openssl can still offer TLS 1.1 at security level 0, so a failure here is the server's refusal.
        Openssl.Result r = opensslClient("-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0");
        assertThat(r.output()).contains("alert protocol version").contains("Cipher is (NONE)");
        Openssl.Result ok = opensslClient("-tls1_2");
        assertThat(ok.output()).as("the same client succeeds with TLS 1.2").contains("TLSv1.2");
    }

    @Test
    void cbcAndStaticRsaSuitesAreRefused() throws Exception {
        Openssl.Result cbc = opensslClient("-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA384:AES128-SHA");
        assertThat(cbc.output()).contains("handshake failure").doesNotContain("Cipher is ECDHE-ECDSA-AES128-SHA");
    }

    @Test
    void javaClientWithTls11OnlyCannotConnect() {
        assertThatThrownBy(() -> handshake("TLSv1.1").close()).isInstanceOfAny(SSLHandshakeException.class, IOException.class,
                IllegalArgumentException.class);
    }

    @Test
    void httpsResponsesCarryHstsAndPlainHttpIsRedirected() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trusting()).connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + gw.gateway.httpsPort() + "/hello")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith("tls-up GET /hello");
        assertThat(r.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000; includeSubDomains");
        assertThat(upstream.last().headers().get("X-Forwarded-Proto")).isEqualTo("https");

        HttpResponse<String> redirect = gw.get("/hello?a=1", "Host", "localhost");
        assertThat(redirect.statusCode()).isEqualTo(308);
        assertThat(redirect.headers().firstValue("Location"))
                .hasValue("https://localhost:" + gw.gateway.httpsPort() + "/hello?a=1");
    }

    @Test
    void reloadsTheCertificateWhenItsFilesChange() throws Exception {
        String before;
        try (SSLSocket s = handshake("TLSv1.3")) {
            before = ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
        }
        assertThat(before).isEqualTo("CN=first");
        makeCertificate("second");
        long deadline = System.currentTimeMillis() + 15_000;
        String after = before;
        while (System.currentTimeMillis() < deadline && after.equals(before)) {
            Thread.sleep(200);
            try (SSLSocket s = handshake("TLSv1.3")) {
                after = ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
            } catch (SSLHandshakeException e) {
                // the old certificate is still served: this client trusts only the new one now
            }
        }
        assertThat(after).isEqualTo("CN=second");
    }

    private static Openssl.Result opensslClient(String... args) throws Exception {
        String[] all = new String[args.length + 5];
        all[0] = "s_client";
        all[1] = "-connect";
        all[2] = "127.0.0.1:" + gw.gateway.httpsPort();
        all[3] = "-servername";
        all[4] = "localhost";
        System.arraycopy(args, 0, all, 5, args.length);
        return Openssl.run(all);
    }
}
