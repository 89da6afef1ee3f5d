package dev.rampart.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real gateway between a real HTTP client and a real upstream. */
class ProxyIntegrationTest {

    @TempDir
    static Path dir;

    static TestUpstream a;
    static TestUpstream b;
    static TestUpstream dead;
    static GatewayHarness gw;

    @BeforeAll
    static void start() throws Exception {
        a = new TestUpstream("a");
        b = new TestUpstream("b");
        dead = new TestUpstream("dead");
        String deadUrl = dead.url();
        dead.close(); // nothing listens there any more: connection refused
        gw = GatewayHarness.start(dir, """
                trusted-proxies: [127.0.0.2]
                routes:
                  - id: orders
                    match:
                      path: /orders/{id}
                      methods: [GET, PUT]
                    upstream:
                      urls: [%1$s]
                  - id: api
                    match:
                      path-prefix: /api
                    upstream:
                      urls: [%1$s/base]
                      strip-prefix: /api
                      response-timeout: 1s
                    max-body-size: 1KB
                  - id: balanced
                    match:
                      path-prefix: /rr
                    upstream:
                      urls: [%1$s, %2$s]
                  - id: failover
                    match:
                      path-prefix: /failover
                    upstream:
                      urls: [%3$s, %1$s]
                      failure-threshold: 1
                      failure-cooldown: 1m
                  - id: down
                    match:
                      path-prefix: /down
                    upstream:
                      urls: [%3$s]
                  - id: stream
                    match:
                      path-prefix: /sink
                    upstream:
                      urls: [%1$s]
                    max-body-size: 2GB
                  - id: big
                    match:
                      path-prefix: /big
                    upstream:
                      urls: [%1$s]
                  - id: web
                    match:
                      path-prefix: /web
                      hosts: [app.example.com]
                    upstream:
                      urls: [%1$s]
                    security-headers:
                      frame-options: SAMEORIGIN
                    cors:
                      allowed-origins: ["https://app.example.com"]
                      allowed-methods: [GET, POST]
                      allow-credentials: true
                  - id: private
                    match:
                      path-prefix: /private
                    upstream:
                      urls: [%1$s]
                    ip-filter:
                      allow: [10.0.0.0/8]
                """.formatted(a.url(), b.url(), deadUrl), false);
    }

    @AfterAll
    static void stop() throws Exception {
        gw.close();
        a.close();
        b.close();
    }

    @Test
    void routesPathTemplateToUpstreamAndSetsForwardingHeaders() throws Exception {
        HttpResponse<String> r = gw.get("/orders/42?x=1", "X-Forwarded-For", "6.6.6.6", "traceparent",
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("a GET /orders/42?x=1 0");
        TestUpstream.Seen seen = a.last();
        // The client is not a trusted proxy: its X-Forwarded-For is replaced, not extended.
        assertThat(seen.headers().get("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(seen.headers().get("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(seen.headers().get("Forwarded")).startsWith("for=127.0.0.1;proto=http;host=");
        assertThat(seen.headers().get("X-Request-Id")).isEqualTo(r.headers().firstValue("X-Request-Id").orElseThrow());
        String tp = seen.headers().get("traceparent");
        assertThat(tp).startsWith("00-0af7651916cd43dd8448eb211c80319c-").endsWith("-01");
        assertThat(tp).doesNotContain("b7ad6b7169203331");
    }

    @Test
    void createsTraceparentWhenMissingOrInvalid() throws Exception {
        gw.get("/orders/1", "traceparent", "00-00000000000000000000000000000000-b7ad6b7169203331-01");
        assertThat(a.last().headers().get("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01")
                .doesNotContain("00000000000000000000000000000000");
    }

    @Test
    void removesHopByHopHeadersBothWays() throws Exception {
        HttpResponse<String> r = gw.get("/orders/7", "X-Secret-Hop", "s3cr3t", "Connection", "X-Secret-Hop");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(a.last().headers().contains("X-Secret-Hop")).isFalse();
        assertThat(a.last().headers().contains("Proxy-Authorization")).isFalse();
    }

    @Test
    void stripsPrefixAndJoinsUpstreamBasePath() throws Exception {
        HttpResponse<String> r = gw.get("/api/v1/items?q=a%20b");
        assertThat(r.body()).isEqualTo("a GET /base/v1/items?q=a%20b 0");
    }

    @Test
    void normalisesDotSegmentsBeforeRouting() throws Exception {
        // /private is IP-restricted; /api/../private must not slip past it through the /api route.
        HttpResponse<String> r = send("GET", "/api/%2e%2e/private/x");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("\"code\":\"ip-not-allowed\"");
    }

    @Test
    void answersMethodNotAllowedWithAllowHeader() throws Exception {
        HttpResponse<String> r = gw.send(HttpRequest.newBuilder(URI.create(gw.base() + "/orders/1"))
                .DELETE());
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValue("GET, PUT");
        assertProblem(r, "method-not-allowed");
    }

    @Test
    void unknownRouteIsProblemJsonWithRequestId() throws Exception {
        HttpResponse<String> r = gw.get("/nothing/here");
        assertThat(r.statusCode()).isEqualTo(404);
        assertProblem(r, "route-not-found");
        JsonObject p = new JsonObject(r.body());
        assertThat(p.getString("request_id")).isEqualTo(r.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(p.getString("type")).isEqualTo("https://rampart.dev/problems/route-not-found");
        // security headers are on denials too
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void roundRobinsAcrossUpstreams() throws Exception {
        java.util.Set<String> answeredBy = new java.util.HashSet<>();
        for (int i = 0; i < 6; i++) {
            answeredBy.add(gw.get("/rr/x").headers().firstValue("X-Upstream").orElseThrow());
        }
        assertThat(answeredBy).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void failsOverToTheNextUpstreamAndSkipsTheFailedOne() throws Exception {
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> r = gw.get("/failover/x");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("X-Upstream")).hasValue("a");
        }
        HttpResponse<String> routes = gw.adminGet("/admin/routes");
        assertThat(routes.body()).contains("\"available\":false");
    }

    @Test
    void unreachableUpstreamIs502ThenNoHealthyUpstream503() throws Exception {
        HttpResponse<String> first = gw.get("/down/x");
        assertThat(first.statusCode()).isIn(502, 503);
        assertProblem(first, first.statusCode() == 502 ? "upstream-unavailable" : "no-healthy-upstream");
        for (int i = 0; i < 4; i++) {
            gw.get("/down/x");
        }
        HttpResponse<String> later = gw.get("/down/x");
        assertThat(later.statusCode()).isEqualTo(503);
        assertProblem(later, "no-healthy-upstream");
        assertThat(later.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void slowUpstreamIs504() throws Exception {
        HttpResponse<String> r = gw.get("/api/slow/x");
        assertThat(r.statusCode()).isEqualTo(504);
        assertProblem(r, "upstream-timeout");
    }

    @Test
    void upstreamClosingTheConnectionIs502() throws Exception {
        // both upstreams of /rr close the connection on /drop
        HttpResponse<String> d = gw.get("/rr/drop/now");
        assertThat(d.statusCode()).isEqualTo(502);
        assertProblem(d, "upstream-unavailable");
    }

    @Test
    void rejectsDeclaredBodyAboveRouteLimitWith413BeforeUpstream() throws Exception {
        int before = a.seen.size();
        HttpResponse<String> r = gw.send(HttpRequest.newBuilder(URI.create(gw.base() + "/api/upload"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[4096])));
        assertThat(r.statusCode()).isEqualTo(413);
        assertProblem(r, "body-too-large");
        assertThat(a.seen.size()).isEqualTo(before);
    }

    @Test
    void rejectsChunkedBodyAboveRouteLimitWith413() throws Exception {
        Supplier<InputStream> chunks = () -> new java.io.ByteArrayInputStream(new byte[64 * 1024]);
        HttpResponse<String> r = gw.send(HttpRequest.newBuilder(URI.create(gw.base() + "/api/upload"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(chunks)));
        assertThat(r.statusCode()).isEqualTo(413);
    }

    @Test
    void streamsA1GiBUploadWithBoundedMemory() throws Exception {
        // The test JVM's heap is capped (surefire argLine), well below the body: only streaming passes.
        long size = 1L << 30;
        long before = a.sinkBytes.get();
        HttpResponse<String> r = gw.send(HttpRequest.newBuilder(URI.create(gw.base() + "/sink/upload"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ZeroStream(size))));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("received " + size);
        assertThat(a.sinkBytes.get() - before).isEqualTo(size);
    }

    @Test
    void streamsALargeDownload() throws Exception {
        long size = 64L * 1024 * 1024;
        HttpResponse<InputStream> r = gw.client.send(HttpRequest.newBuilder(URI.create(gw.base() + "/big/" + size)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        long n = 0;
        try (InputStream in = r.body()) {
            byte[] buf = new byte[1 << 16];
            int k;
            while ((k = in.read(buf)) > 0) {
                n += k;
            }
        }
        assertThat(n).isEqualTo(size);
    }

    @Test
    void streamsAResponseOfDeclaredLengthBeforeTheUpstreamHasSentItAll() throws Exception {
        // The proxy holds back only the piece that completes a declared length (to send it with the
        // end): the first half must reach the client while the upstream still withholds the rest.
        int size = 512 * 1024;
        HttpResponse<InputStream> r = gw.client.sendAsync(HttpRequest.newBuilder(URI.create(gw.base() + "/big/trickle/" + size)).build(),
                HttpResponse.BodyHandlers.ofInputStream()).get(10, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValueAsLong("Content-Length")).hasValue(size);
        try (InputStream in = r.body()) {
            byte[] firstHalf = CompletableFuture.supplyAsync(() -> {
                try {
                    return in.readNBytes(size / 2);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).get(10, TimeUnit.SECONDS);
            assertThat(firstHalf).hasSize(size / 2);
            a.trickleRest.complete(null);
            assertThat(in.readAllBytes()).hasSize(size - size / 2);
        }
    }

    @Test
    void streamsARequestBodyOfDeclaredLengthBeforeTheClientHasSentItAll() throws Exception {
        // A plain socket, so that nothing but the gateway can hold bytes back (an HTTP client library
        // reads ahead of what it has sent): the second half goes only once the upstream got the first.
        int size = 512 * 1024;
        long before = a.sinkBytesArrived.get();
        URI base = URI.create(gw.base());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /sink/declared HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + size
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[size / 2]);
            out.flush();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (a.sinkBytesArrived.get() - before < size / 2) {
                assertThat(System.nanoTime()).as("the upstream got the first half while the client held the rest")
                        .isLessThan(deadline);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            out.write(new byte[size - size / 2]);
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(response).startsWith("HTTP/1.1 200").endsWith("received " + size);
        }
    }

    @Test
    void passesBodiesOfDeclaredLengthWholeBothWays() throws Exception {
        // one piece, several pieces, none: each ends with its last piece (or none) and nothing is lost
        for (int size : new int[] {1, 300_000, 0}) {
            HttpResponse<String> put = gw.send(HttpRequest.newBuilder(URI.create(gw.base() + "/orders/7"))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[size])));
            assertThat(put.statusCode()).isEqualTo(200);
            assertThat(put.body()).isEqualTo("a PUT /orders/7 " + size);
            HttpResponse<byte[]> get = gw.client.send(HttpRequest.newBuilder(URI.create(gw.base() + "/big/" + size)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(get.body()).hasSize(size);
        }
    }

    @Test
    void setsSecurityHeadersAndRemovesServerOnProxiedResponses() throws Exception {
        HttpResponse<String> r = gw.get("/orders/9");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).contains("default-src 'none'"));
        assertThat(r.headers().firstValue("Server")).isEmpty();
        assertThat(r.headers().firstValue("X-Powered-By")).isEmpty();
        // HSTS only over TLS
        assertThat(r.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    @Test
    void routeOverridesASecurityHeader() throws Exception {
        HttpResponse<String> r = gw.get("/web/x", "Host", "app.example.com");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
    }

    @Test
    void answersCorsPreflightBeforeAnythingElseAndAddsVary() throws Exception {
        int before = a.seen.size();
        HttpResponse<String> r = send("OPTIONS", "/web/items", "Host", "app.example.com", "Origin", "https://app.example.com",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type");
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
        assertThat(r.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
        assertThat(String.join(",", r.headers().allValues("Vary"))).contains("Origin");
        assertThat(a.seen.size()).isEqualTo(before);

        HttpResponse<String> denied = send("OPTIONS", "/web/items", "Host", "app.example.com", "Origin", "https://evil.example",
                "Access-Control-Request-Method", "POST");
        assertThat(denied.statusCode()).isEqualTo(403);
        assertProblem(denied, "cors-preflight-denied");
    }

    @Test
    void addsCorsHeadersToActualRequestFromAllowedOriginOnly() throws Exception {
        HttpResponse<String> ok = gw.get("/web/x", "Host", "app.example.com", "Origin", "https://app.example.com");
        assertThat(ok.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
        HttpResponse<String> other = gw.get("/web/x", "Host", "app.example.com", "Origin", "https://evil.example");
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(String.join(",", other.headers().allValues("Vary"))).contains("Origin");
    }

    @Test
    void deniesClientOutsideRouteAllowList() throws Exception {
        HttpResponse<String> r = gw.get("/private/data");
        assertThat(r.statusCode()).isEqualTo(403);
        assertProblem(r, "ip-not-allowed");
    }

    @Test
    void refusesTraceAndUpgrade() throws Exception {
        assertThat(send("TRACE", "/orders/1").statusCode()).isEqualTo(405);
    }

    @Test
    void countsRequestsAndDenialsInMetrics() throws Exception {
        gw.get("/orders/5");
        gw.get("/private/x");
        String metrics = gw.adminGet("/metrics").body();
        assertThat(metrics).contains("rampart_requests_seconds_count{method=\"GET\",route=\"orders\",status=\"200\"}");
        assertThat(metrics).contains("rampart_denials_total{code=\"ip-not-allowed\",guard=\"ip-filter\"}");
        assertThat(metrics).contains("rampart_requests_seconds_bucket");
        assertThat(metrics).contains("rampart_events_dropped_total");
    }

    private static HttpResponse<String> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gw.base() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return gw.send(b);
    }

    static void assertProblem(HttpResponse<String> r, String code) {
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonObject p = new JsonObject(r.body());
        assertThat(p.getString("code")).isEqualTo(code);
        assertThat(p.getInteger("status")).isEqualTo(r.statusCode());
        assertThat(p.getString("request_id")).isNotBlank();
    }

    /** An InputStream of {@code size} zero bytes that allocates nothing per read. */
    static final class ZeroStream extends InputStream {
        private long left;

        ZeroStream(long size) {
            this.left = size;
        }

        @Override
        public int read() {
            if (left <= 0) {
                return -1;
            }
            left--;
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 0);
            left -= n;
            return n;
        }
    }
}
