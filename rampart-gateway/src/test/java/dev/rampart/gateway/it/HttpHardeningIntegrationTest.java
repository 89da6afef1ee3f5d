package dev.rampart.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/1.1 hardening through the whole gateway, with raw sockets: every request-smuggling variant,
 * size limit and slow-client case is refused with the right status and a problem+json body, and
 * nothing of the refused request reaches the upstream.
 */
class HttpHardeningIntegrationTest {

    @TempDir
    static Path dir;

    static TestUpstream upstream;
    static GatewayHarness gw;

    @BeforeAll
    static void start() throws Exception {
        upstream = new TestUpstream("h");
        gw = GatewayHarness.start(dir, """
                limits:
                  max-header-size: 2KB
                  max-header-count: 20
                  max-uri-length: 256
                  header-read-timeout: 500ms
                  body-read-timeout: 500ms
                routes:
                  - id: all
                    match:
                      path-prefix: /
                    upstream:
                      urls: [%s]
                """.formatted(upstream.url()), false);
    }

    @AfterAll
    static void stop() throws Exception {
        gw.close();
        upstream.close();
    }

    /** Sends raw bytes, then reads until the server closes the connection or 5 s pass. */
    private static String exchange(String raw) throws IOException {
        try (Socket s = new Socket("127.0.0.1", gw.gateway.httpPort())) {
            s.setSoTimeout(5_000);
            OutputStream out = s.getOutputStream();
            out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return readAll(s.getInputStream());
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] b = new byte[8192];
        try {
            int n;
            while ((n = in.read(b)) > 0) {
                buf.write(b, 0, n);
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            // what arrived so far is the answer
        }
        return buf.toString(StandardCharsets.ISO_8859_1);
    }

    private static void assertRefused(String response, int status) {
        assertThat(response).startsWith("HTTP/1.1 " + status + " ");
        assertThat(response.toLowerCase(java.util.Locale.ROOT)).contains("content-type: application/problem+json")
                .contains("connection: close");
        JsonObject problem = new JsonObject(response.substring(response.indexOf("\r\n\r\n") + 4));
        assertThat(problem.getInteger("status")).isEqualTo(status);
        assertThat(problem.getString("code")).isNotBlank();
        assertThat(problem.getString("request_id")).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        // CL.TE and TE.CL: both framing headers
        "POST /s HTTP/1.1\r\nHost: a\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nG",
        "POST /s HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n5c\r\nGPOST / HTTP/1.1\r\n\r\n0\r\n\r\n",
        // duplicate or invalid Content-Length
        "POST /s HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
        "POST /s HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 5\r\n\r\nhello",
        "POST /s HTTP/1.1\r\nHost: a\r\nContent-Length: +5\r\n\r\nhello",
        "POST /s HTTP/1.1\r\nHost: a\r\nContent-Length: 0x5\r\n\r\nhello",
        // TE.TE obfuscation
        "POST /s HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\n",
        "POST /s HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n",
        "POST /s HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        // obs-fold and whitespace before the colon
        "GET /s HTTP/1.1\r\nHost: a\r\nX-Folded: one\r\n two\r\n\r\n",
        "POST /s HTTP/1.1\r\nHost: a\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n",
        // bare LF line ending, control character in a value
        "GET /s HTTP/1.1\nHost: a\r\n\r\n",
        "GET /s HTTP/1.1\r\nHost: a\r\nX-Bad: a\u0000b\r\n\r\n",
        // bad chunk framing
        "POST /s HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
        "POST /s HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloXX0\r\n\r\n",
    })
    void refusesSmugglingVariantsWith400AndSendsNothingUpstream(String raw) throws Exception {
        int before = upstream.seen.size();
        String response = exchange(raw);
        assertRefused(response, 400);
        Thread.sleep(100);
        assertThat(upstream.seen).hasSize(before);
    }

    @Test
    void refusesTooLongTargetWith414() throws Exception {
        assertRefused(exchange("GET /" + "a".repeat(400) + " HTTP/1.1\r\nHost: a\r\n\r\n"), 414);
    }

    @Test
    void refusesTooLargeHeadWith431() throws Exception {
        assertRefused(exchange("GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + "b".repeat(3000) + "\r\n\r\n"), 431);
    }

    @Test
    void refusesTooManyHeaderFieldsWith431() throws Exception {
        StringBuilder sb = new StringBuilder("GET / HTTP/1.1\r\nHost: a\r\n");
        for (int i = 0; i < 25; i++) {
            sb.append("X-H").append(i).append(": v\r\n");
        }
        assertRefused(exchange(sb.append("\r\n").toString()), 431);
    }

    @Test
    void answersASlowlorisHeadWith408AndCloses() throws Exception {
        int before = upstream.seen.size();
        try (Socket s = new Socket("127.0.0.1", gw.gateway.httpPort())) {
            s.setSoTimeout(5_000);
            s.getOutputStream().write("GET /slowloris HTTP/1.1\r\nHost: a\r\nX-A: ".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            long t0 = System.nanoTime();
            String response = readAll(s.getInputStream());
            assertRefused(response, 408);
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(4_000);
        }
        assertThat(upstream.seen).hasSize(before);
    }

    @Test
    void answersAStalledBodyWith408AndTheUpstreamNeverGetsACompleteRequest() throws Exception {
        try (Socket s = new Socket("127.0.0.1", gw.gateway.httpPort())) {
            s.setSoTimeout(5_000);
            s.getOutputStream().write("POST /stalled HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\nonly-part"
                    .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            String response = readAll(s.getInputStream());
            assertThat(response).startsWith("HTTP/1.1 408 ");
        }
        Thread.sleep(200);
        assertThat(upstream.seen).noneMatch(seen -> seen.uri().startsWith("/stalled"));
    }

    @Test
    void keepAliveAndPipelinedValidRequestsPass() throws Exception {
        int before = upstream.seen.size();
        String response = exchange("GET /one HTTP/1.1\r\nHost: a\r\n\r\n"
                + "POST /two HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=\"1\"\r\nabc\r\n0\r\nX-Trailer: t\r\n\r\n"
                + "POST /three HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi");
        assertThat(response.split("HTTP/1.1 200 ", -1)).hasSize(4);
        assertThat(response).contains("h GET /one 0").contains("h POST /two 3").contains("h POST /three 2");
        assertThat(upstream.seen.size() - before).isEqualTo(3);
    }
}
