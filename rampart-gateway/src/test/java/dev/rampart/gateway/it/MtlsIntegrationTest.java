package dev.rampart.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutual TLS with certificates made by openssl: a client CA the gateway trusts, a client
 * certificate it issued, one from a CA the gateway does not trust, and routes that require a
 * certificate, name the caller by different parts of it, or take one optionally.
 */
class MtlsIntegrationTest {

    @TempDir
    static Path dir;

    static TestUpstream upstream;
    static GatewayHarness gw;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Openssl.installed(), "openssl is not installed; .ci/run installs it");
        ok(Openssl.run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", file("key.pem"), "-out", file("cert.pem"), "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"));
        makeCa("ca", "Rampart Test Client CA");
        makeCa("stranger-ca", "Someone Else's CA");
        makeClient("billing", "ca", "/O=Example/CN=billing-service", "URI:spiffe://example.org/billing");
        makeClient("intruder", "stranger-ca", "/CN=billing-service", "URI:spiffe://example.org/billing");
        upstream = new TestUpstream("mtls-up");
        gw = GatewayHarness.start(dir, """
                listeners:
                  http: {enabled: false}
                  https:
                    host: 127.0.0.1
                    port: 0
                    certificate: cert.pem
                    private-key: key.pem
                    client-auth: request
                    client-ca: ca.pem
                routes:
                  - id: by-cn
                    match: {path-prefix: /cn}
                    upstream: {urls: [%1$s]}
                    authentication:
                      client-certificate: {}
                  - id: by-email
                    match: {path-prefix: /email}
                    upstream: {urls: [%1$s]}
                    authentication:
                      client-certificate: {principal: san-email}
                  - id: by-uri-or-nothing
                    match: {path-prefix: /optional}
                    upstream: {urls: [%1$s]}
                    authentication:
                      client-certificate: {required: false, principal: san-uri}
                      optional: true
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

    static String file(String name) {
        return dir.resolve(name).toString();
    }

    static void ok(Openssl.Result r) {
        assertThat(r.exitCode()).as(r.output()).isZero();
    }

    static void makeCa(String name, String cn) throws Exception {
        ok(Openssl.run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", file(name + ".key"), "-out", file(name + ".pem"), "-days", "2", "-subj", "/CN=" + cn,
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign"));
    }

    /** A client certificate signed by {@code ca}, as a PKCS#12 key store for the HTTP client. */
    static void makeClient(String name, String ca, String subject, String san) throws Exception {
        ok(Openssl.run("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", file(name + ".key"), "-out", file(name + ".csr"), "-subj", subject));
        Files.writeString(dir.resolve(name + ".ext"), "subjectAltName=" + san + "\nextendedKeyUsage=clientAuth\n");
        ok(Openssl.run("x509", "-req", "-in", file(name + ".csr"), "-CA", file(ca + ".pem"), "-CAkey", file(ca + ".key"),
                "-CAcreateserial", "-out", file(name + ".pem"), "-days", "2", "-extfile", file(name + ".ext")));
        ok(Openssl.run("pkcs12", "-export", "-in", file(name + ".pem"), "-inkey", file(name + ".key"),
                "-out", file(name + ".p12"), "-passout", "pass:changeit"));
    }

    static HttpClient client(String identity) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = new ByteArrayInputStream(Files.readAllBytes(dir.resolve("cert.pem")))) {
            trust.setCertificateEntry("gateway", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (identity != null) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(dir.resolve(identity + ".p12"))) {
                keys.load(in, "changeit".toCharArray());
            }
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, "changeit".toCharArray());
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ctx).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    static HttpResponse<String> get(HttpClient client, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + gw.gateway.httpsPort() + path))
                .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aCertificateFromTheTrustedCaIsLetThrough() throws Exception {
        HttpClient billing = client("billing");
        assertThat(get(billing, "/cn/orders").statusCode()).isEqualTo(200);
        assertThat(get(billing, "/optional/orders").statusCode()).isEqualTo(200);
        assertThat(upstream.seen).anySatisfy(s -> assertThat(s.uri()).isEqualTo("/cn/orders"));
    }

    @Test
    void aMissingCertificateIsAnswered401WhereOneIsRequired() throws Exception {
        HttpClient anonymous = client(null);
        HttpResponse<String> r = get(anonymous, "/cn/orders");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("ClientCertificate"));
        assertThat(new JsonObject(r.body()).getString("code")).isEqualTo("client-certificate-required");
        assertThat(get(anonymous, "/optional/orders").statusCode()).isEqualTo(200);
    }

    @Test
    void aCertificateWithoutTheConfiguredIdentityIsRefused() throws Exception {
        HttpResponse<String> r = get(client("billing"), "/email/orders");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(new JsonObject(r.body()).getString("code")).isEqualTo("invalid-client-certificate");
    }

    @Test
    void aCertificateFromAnUntrustedCaNeverAuthenticates() throws Exception {
        // Java's client offers only certificates of the CAs the server names in its request: none here
        assertThat(get(client("intruder"), "/cn/orders").statusCode()).isEqualTo(401);

        // openssl sends it regardless: the gateway then refuses the handshake (TLS 1.2, where the
        // server checks the client's certificate before its Finished; TLS 1.3 reports it after)
        Openssl.Result forced = Openssl.run("s_client", "-connect", "127.0.0.1:" + gw.gateway.httpsPort(),
                "-servername", "localhost", "-cert", file("intruder.pem"), "-key", file("intruder.key"), "-tls1_2");
        assertThat(forced.output()).containsAnyOf("alert unknown ca", "alert bad certificate", "alert certificate unknown",
                "certificate verify failed");
        Openssl.Result trusted = Openssl.run("s_client", "-connect", "127.0.0.1:" + gw.gateway.httpsPort(),
                "-servername", "localhost", "-cert", file("billing.pem"), "-key", file("billing.key"), "-tls1_2");
        assertThat(trusted.output()).as("the same client with a trusted certificate").doesNotContain("alert");
    }
}
