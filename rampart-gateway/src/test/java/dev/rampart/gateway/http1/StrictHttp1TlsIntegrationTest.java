package dev.rampart.gateway.http1;

import static dev.rampart.gateway.http1.StrictHttp1IntegrationTest.assertRefused;
import static dev.rampart.gateway.http1.StrictHttp1IntegrationTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SelfSignedCertificate;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The TLS listener: HTTP/1.1 inside TLS is validated (the validator is installed after the
 * handshake, before the first decrypted byte), HTTP/2 negotiated through ALPN is left to Vert.x.
 */
class StrictHttp1TlsIntegrationTest {

    private static final Queue<String> started = new ConcurrentLinkedQueue<>();
    private static final Queue<String> completed = new ConcurrentLinkedQueue<>();
    private static final Queue<StrictHttp1.Rejection> rejections = new ConcurrentLinkedQueue<>();

    private static Vertx vertx;
    private static int tlsPort;

    @BeforeAll
    static void startServer() throws Exception {
        vertx = Vertx.vertx();
        SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");
        tlsPort = StrictHttp1IntegrationTest.listen(vertx, new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                .setSsl(true).setUseAlpn(true).setKeyCertOptions(certificate.keyCertOptions()),
                started, completed, rejections);
    }

    @AfterAll
    static void stop() throws Exception {
        await(vertx.close());
    }

    @BeforeEach
    void clear() {
        started.clear();
        completed.clear();
        rejections.clear();
    }

    @Test
    void guardsHttp11OverTls() throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {new TrustEverything()}, new SecureRandom());
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", tlsPort);
        try (RawHttpClient client = new RawHttpClient(socket)) {
            client.send("GET /valid HTTP/1.1\r\nHost: api\r\n\r\n");
            assertThat(client.readResponse().header("X-Protocol")).isEqualTo("HTTP_1_1");
            client.send("POST /a HTTP/1.1\r\nHost: api\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "0\r\n\r\nGET /admin HTTP/1.1\r\nHost: api\r\n\r\n");
            assertRefused(client, rejections, 400, "smuggling-cl-te");
        }
        assertThat(started).containsExactly("GET /valid");
    }

    @Test
    void leavesHttp2NegotiatedThroughAlpnToVertx() throws Exception {
        HttpClient http = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
                .setSsl(true).setUseAlpn(true).setTrustAll(true).setVerifyHost(false));
        try {
            String protocol = await(http.request(new RequestOptions().setHost("127.0.0.1").setPort(tlsPort)
                            .setMethod(HttpMethod.POST).setURI("/h2"))
                    .compose(req -> req.send("body"))
                    .map(resp -> resp.getHeader("X-Protocol")));
            assertThat(protocol).isEqualTo("HTTP_2");
        } finally {
            await(http.close());
        }
        assertThat(completed).containsExactly("POST /h2 body");
        assertThat(rejections).isEmpty();
    }

    /** The test certificate is self-signed; what matters here is the bytes inside the tunnel. */
    private static final class TrustEverything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
