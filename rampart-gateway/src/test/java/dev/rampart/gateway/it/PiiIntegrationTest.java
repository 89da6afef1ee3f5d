package dev.rampart.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.core.SecurityEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code pii} response guard in a real gateway in front of a real upstream that answers with a
 * card number and an e-mail address: alert, mask and block routes, oversize and compressed responses,
 * media types that are not scanned, and masking of what the gateway records (events, audit).
 */
class PiiIntegrationTest {

    static final String CARD = "4111 1111 1111 1111";
    static final String EMAIL = "jane.doe@example.com";
    static final String PROFILE = "{\"name\":\"Jane\",\"email\":\"" + EMAIL + "\",\"card\":\"" + CARD + "\",\"order\":\"1234\"}";

    @TempDir
    static Path dir;

    static Vertx upstreamVertx;
    static HttpServer upstream;
    static final List<String> acceptEncodings = new CopyOnWriteArrayList<>();
    static final List<SecurityEvent> events = new CopyOnWriteArrayList<>();
    static GatewayHarness gw;

    @BeforeAll
    static void start() throws Exception {
        upstreamVertx = Vertx.vertx();
        // answers by the last path segment, whatever the route prefix
        upstream = upstreamVertx.createHttpServer().requestHandler(req -> {
            acceptEncodings.add(req.getHeader("Accept-Encoding") == null ? "-" : req.getHeader("Accept-Encoding"));
            String path = req.path();
            var resp = req.response().putHeader("Content-Type", "application/json; charset=utf-8");
            switch (path.substring(path.lastIndexOf('/') + 1)) {
                case "profile" -> resp.putHeader("ETag", "\"v1\"").putHeader("Content-MD5", "c29tZXRoaW5n").end(PROFILE);
                case "chunked" -> {
                    resp.setChunked(true);
                    resp.write(PROFILE.substring(0, 30));
                    resp.end(PROFILE.substring(30));
                }
                case "number" -> resp.end("{\"pan\":4111111111111111}");
                case "clean" -> resp.end("{\"status\":\"ok\",\"count\":42}");
                case "big" -> resp.end("{\"card\":\"" + CARD + "\",\"pad\":\"" + "x".repeat(4000) + "\"}");
                case "image" -> resp.putHeader("Content-Type", "image/png").end(Buffer.buffer(PROFILE));
                case "gzip" -> resp.putHeader("Content-Encoding", "gzip").end(Buffer.buffer(new byte[] {0x1f, (byte) 0x8b, 8, 0}));
                default -> resp.setStatusCode(404).end("{}");
            }
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        String url = "http://127.0.0.1:" + upstream.actualPort();
        gw = GatewayHarness.start(dir, """
                routes:
                  - id: alerting
                    match: {path-prefix: /alert}
                    upstream: {urls: [%1$s]}
                    pii: {action: alert}
                  - id: masking
                    match: {path-prefix: /mask}
                    upstream: {urls: [%1$s]}
                    pii: {action: mask, detect: [card, email], max-body-size: 2KB, on-oversize: pass}
                  - id: blocking
                    match: {path-prefix: /block}
                    upstream: {urls: [%1$s]}
                    pii: {action: block, max-body-size: 2KB}
                """.formatted(url), false);
        gw.gateway.events().subscribe(events::add);
    }

    @AfterAll
    static void stop() throws Exception {
        if (gw != null) {
            gw.close();
        }
        if (upstreamVertx != null) {
            upstreamVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    static SecurityEvent awaitEvent(String type, String requestId) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            for (SecurityEvent e : events) {
                if (e.type().equals(type) && requestId.equals(e.requestId())) {
                    return e;
                }
            }
            Thread.sleep(25);
        }
        throw new AssertionError("no " + type + " event for request " + requestId + "; got " + events);
    }

    static String requestId(HttpResponse<?> r) {
        return r.headers().firstValue("X-Request-Id").orElseThrow();
    }

    static int contentLength(HttpResponse<String> r) {
        return Integer.parseInt(r.headers().firstValue("Content-Length").orElseThrow());
    }

    @Test
    void alertLetsTheResponseThroughAndReportsTypesAndCountsButNoValue() throws Exception {
        HttpResponse<String> r = gw.get("/alert/profile");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(PROFILE);
        assertThat(r.headers().firstValue("ETag")).hasValue("\"v1\"");
        SecurityEvent event = awaitEvent("pii.detected", requestId(r));
        assertThat(event.details()).containsEntry("types", "card=1,email=1").containsEntry("count", "2")
                .containsEntry("action", "alert");
        assertThat(event.details().values()).noneMatch(v -> v.contains("4111") || v.contains("jane"));
        assertThat(event.routeId()).isEqualTo("alerting");
    }

    @Test
    void maskSendsTheMaskedValuesWithAContentLengthOfTheNewBodyAndNoHeadersOfTheOldOne() throws Exception {
        HttpResponse<String> r = gw.get("/mask/profile");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"name\":\"Jane\",\"email\":\"j***@example.com\",\"card\":\"4111********1111\","
                + "\"order\":\"1234\"}");
        assertThat(contentLength(r)).isEqualTo(r.body().getBytes(StandardCharsets.UTF_8).length);
        assertThat(r.headers().firstValue("ETag")).isEmpty();
        assertThat(r.headers().firstValue("Content-MD5")).isEmpty();
        assertThat(awaitEvent("pii.detected", requestId(r)).details()).containsEntry("action", "mask");
    }

    @Test
    void masksAChunkedResponseAndKeepsJsonValidWhereTheValueWasANumber() throws Exception {
        HttpResponse<String> chunked = gw.get("/mask/chunked");
        assertThat(chunked.statusCode()).isEqualTo(200);
        assertThat(chunked.body()).contains("4111********1111", "j***@example.com").doesNotContain(EMAIL);

        HttpResponse<String> number = gw.get("/mask/number");
        assertThat(new JsonObject(number.body()).getString("pan")).isEqualTo("4111********1111");
        assertThat(contentLength(number)).isEqualTo(number.body().length());
    }

    @Test
    void blockAnswers502ProblemJsonWithoutTheData() throws Exception {
        HttpResponse<String> r = gw.get("/block/profile");

        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonObject problem = new JsonObject(r.body());
        assertThat(problem.getString("code")).isEqualTo("sensitive-data-blocked");
        assertThat(r.body()).doesNotContain("4111").doesNotContain("jane");
        assertThat(awaitEvent("pii.detected", requestId(r)).details()).containsEntry("action", "block");
    }

    @Test
    void responsesWithoutSensitiveDataPassUntouched() throws Exception {
        for (String route : List.of("/alert", "/mask", "/block")) {
            HttpResponse<String> r = gw.get(route + "/clean");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("{\"status\":\"ok\",\"count\":42}");
        }
    }

    @Test
    void anOversizeResponseFollowsOnOversize() throws Exception {
        HttpResponse<String> blocked = gw.get("/block/big");
        assertThat(blocked.statusCode()).isEqualTo(502);
        assertThat(new JsonObject(blocked.body()).getString("code")).isEqualTo("sensitive-data-uninspected");
        assertThat(awaitEvent("pii.not-inspected", requestId(blocked)).details())
                .containsEntry("reason", "too-large").containsEntry("outcome", "blocked");

        HttpResponse<String> passed = gw.get("/mask/big");
        assertThat(passed.statusCode()).isEqualTo(200);
        assertThat(passed.body()).contains(CARD).hasSize(4000 + CARD.length() + 20);
        assertThat(awaitEvent("pii.not-inspected", requestId(passed)).details())
                .containsEntry("reason", "too-large").containsEntry("outcome", "passed");
    }

    @Test
    void aMediaTypeThatIsNotTextIsNotScanned() throws Exception {
        HttpResponse<String> r = gw.get("/block/image");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(r.body()).isEqualTo(PROFILE);
    }

    @Test
    void asksForIdentityAndDoesNotPassACompressedResponseUnscannedUnlessTold() throws Exception {
        acceptEncodings.clear();
        HttpRequest.Builder gzip = HttpRequest.newBuilder(URI.create(gw.base() + "/block/gzip"))
                .header("Accept-Encoding", "gzip").GET();
        HttpResponse<String> blocked = gw.send(gzip);
        assertThat(blocked.statusCode()).isEqualTo(502);
        assertThat(acceptEncodings).containsExactly("identity");
        assertThat(awaitEvent("pii.not-inspected", requestId(blocked)).details()).containsEntry("reason", "compressed");

        HttpResponse<byte[]> passed = gw.client.send(HttpRequest.newBuilder(URI.create(gw.base() + "/mask/gzip"))
                .header("Accept-Encoding", "gzip").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(passed.statusCode()).isEqualTo(200);
        assertThat(passed.headers().firstValue("Content-Encoding")).hasValue("gzip");
    }

    @Test
    void countsDetectionsPerRouteAndType() throws Exception {
        HttpResponse<String> r = gw.get("/alert/profile");
        awaitEvent("pii.detected", requestId(r));
        String metrics = gw.awaitMetrics("rampart_pii_detections_total{action=\"alert\",route=\"alerting\",type=\"card\"}");
        assertThat(metrics).contains("rampart_pii_detections_total{action=\"alert\",route=\"alerting\",type=\"email\"}");
    }

    @Test
    void masksSensitiveDataInTheEventsAndAuditEntriesRequestsCause() throws Exception {
        HttpResponse<String> r = gw.get("/nowhere/" + EMAIL);
        assertThat(r.statusCode()).isEqualTo(404);

        SecurityEvent denied = awaitEvent("request.denied", requestId(r));
        assertThat(denied.details()).containsEntry("path", "/nowhere/j***@example.com");
        for (int i = 0; i < 200; i++) {
            HttpResponse<String> entries = gw.adminGet("/admin/audit/entries?event_type=request.denied");
            if (entries.body().contains(requestId(r))) {
                assertThat(entries.body()).contains("/nowhere/j***@example.com").doesNotContain(EMAIL);
                return;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("no audit entry for request " + requestId(r));
    }
}
