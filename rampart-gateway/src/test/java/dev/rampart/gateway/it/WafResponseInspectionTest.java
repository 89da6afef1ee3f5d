package dev.rampart.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.core.SecurityEvent;
import dev.rampart.gateway.config.ConfigException;
import dev.rampart.gateway.config.ConfigLoader;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blocking response inspection by the WAF ({@code waf.inspect-responses}) through a real gateway in
 * front of a real upstream that leaks what a broken application leaks: a database error, a Java
 * stack trace, a directory listing. Own SecLang rules cover the mechanics (phases 3 and 4, media
 * types, oversize and compressed bodies, DetectionOnly); the OWASP CRS from ../shared shows its
 * RESPONSE-95x rules blocking through the gateway.
 */
class WafResponseInspectionTest {

    static final String ORACLE_ERROR = "ORA-00933: SQL command not properly ended";
    static final String MYSQL_ERROR = "<html><body><b>Error:</b> You have an error in your SQL syntax; check the manual "
            + "that corresponds to your MySQL server version for the right syntax to use near ''' at line 1</body></html>";
    static final String STACK_TRACE = "java.lang.NullPointerException: order was null\n"
            + "\tat com.example.shop.OrderService.find(OrderService.java:42)\n"
            + "\tat com.example.shop.OrderController.get(OrderController.java:17)\n";
    static final String LISTING = "<html><head><title>Index of /backup</title></head><body><h1>Index of /backup</h1>"
            + "<ul><li><a href=\"db.sql\">db.sql</a></li></ul></body></html>";
    static final String CLEAN = "<html><body><h1>Your order</h1><p>2 items, shipped on Monday.</p></body></html>";
    static final String PADDING = "x".repeat(4096);

    static Vertx upstreamVertx;
    static HttpServer upstream;
    static String upstreamUrl;
    static final List<String> acceptEncodings = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startUpstream() throws Exception {
        upstreamVertx = Vertx.vertx();
        // answers by the last path segment, whatever the route prefix
        upstream = upstreamVertx.createHttpServer().requestHandler(req -> {
            acceptEncodings.add(req.getHeader("Accept-Encoding") == null ? "-" : req.getHeader("Accept-Encoding"));
            String path = req.path();
            var resp = req.response().putHeader("Content-Type", "text/plain; charset=utf-8");
            switch (path.substring(path.lastIndexOf('/') + 1)) {
                case "oracle" -> resp.end(ORACLE_ERROR);
                case "oracle-binary" -> resp.putHeader("Content-Type", "application/octet-stream").end(ORACLE_ERROR);
                case "oracle-late" -> resp.end(PADDING + ORACLE_ERROR);
                case "oracle-early" -> resp.end(ORACLE_ERROR + PADDING);
                case "long" -> resp.end(PADDING);
                case "debug" -> resp.putHeader("X-Debug-Token", "a1b2c3").end("fine");
                case "gzip" -> resp.putHeader("Content-Encoding", "gzip").end(Buffer.buffer(gzip(ORACLE_ERROR)));
                case "mysql" -> resp.putHeader("Content-Type", "text/html").end(MYSQL_ERROR);
                case "mysql-binary" -> resp.putHeader("Content-Type", "application/octet-stream").end(MYSQL_ERROR);
                case "stack" -> resp.end(STACK_TRACE);
                case "listing" -> resp.putHeader("Content-Type", "text/html").end(LISTING);
                case "clean" -> resp.putHeader("Content-Type", "text/html").putHeader("ETag", "\"v7\"").end(CLEAN);
                default -> resp.setStatusCode(404).end("no such thing");
            }
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        upstreamUrl = "http://127.0.0.1:" + upstream.actualPort();
    }

    @AfterAll
    static void stopUpstream() throws Exception {
        if (upstreamVertx != null) {
            upstreamVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** The request's event of {@code type} from the response phases (the request's own come earlier). */
    static SecurityEvent awaitEvent(List<SecurityEvent> events, String type, String requestId) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            for (SecurityEvent e : events) {
                if (e.type().equals(type) && requestId.equals(e.requestId())
                        && !"waf-detected".equals(e.code()) && !"waf-blocked".equals(e.code())) {
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

    static void assertWithheld(HttpResponse<String> response, String code) {
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonObject problem = new JsonObject(response.body());
        assertThat(problem.getString("code")).isEqualTo(code);
        assertThat(problem.getString("request_id")).isEqualTo(requestId(response));
        assertThat(response.body()).doesNotContain("ORA-", "SQL syntax", "NullPointerException", "Index of");
    }

    static GatewayHarness start(Path dir, String yaml, List<SecurityEvent> events) throws Exception {
        GatewayHarness gw = GatewayHarness.start(dir, yaml, false);
        gw.gateway.events().subscribe(e -> {
            if (e.type().startsWith("waf.")) {
                events.add(e);
            }
        });
        return gw;
    }

    /** A route's own SecLang rules: the mechanics, independent of ../shared. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OwnRules {

        GatewayHarness gw;
        final List<SecurityEvent> events = new CopyOnWriteArrayList<>();

        @BeforeAll
        void start(@TempDir Path dir) throws Exception {
            Files.writeString(dir.resolve("responses.conf"), """
                    SecRule RESPONSE_HEADERS:X-Debug-Token "@rx ." "id:1202,phase:3,deny,log,msg:'Debug token exposed'"
                    SecRule OUTBOUND_DATA_ERROR "@eq 1" "id:1203,phase:4,pass,log,msg:'Response body over the limit'"
                    SecRule RESPONSE_BODY "@contains ORA-00933" "id:1201,phase:4,deny,log,msg:'Oracle error in the response'"
                    """);
            gw = WafResponseInspectionTest.start(dir, """
                    routes:
                      - id: strict
                        match: {path-prefix: /strict}
                        upstream: {urls: [%1$s]}
                        waf: {rules: [responses.conf], inspect-responses: {body-limit: 1KiB}}
                      - id: partial
                        match: {path-prefix: /partial}
                        upstream: {urls: [%1$s]}
                        waf: {rules: [responses.conf], inspect-responses: {body-limit: 1KiB, on-oversize: pass}}
                      - id: watched
                        match: {path-prefix: /watched}
                        upstream: {urls: [%1$s]}
                        waf: {rules: [responses.conf], mode: detection-only, inspect-responses: {body-limit: 1KiB}}
                    """.formatted(upstreamUrl), events);
        }

        @AfterAll
        void stop() {
            if (gw != null) {
                gw.close();
            }
        }

        @Test
        void replacesAResponseABodyRuleDeniesWith502AndReportsThePhaseAndRule() throws Exception {
            acceptEncodings.clear();
            HttpResponse<String> response = gw.get("/strict/oracle", "Accept-Encoding", "gzip, br");
            assertWithheld(response, "waf-blocked-response");
            assertThat(acceptEncodings).containsExactly("identity");
            SecurityEvent event = awaitEvent(events, "waf.blocked", requestId(response));
            assertThat(event.code()).isEqualTo("waf-blocked-response");
            assertThat(event.severity()).isEqualTo(SecurityEvent.Severity.HIGH);
            assertThat(event.details()).containsEntry("rule_ids", "1201").containsEntry("phase", "4")
                    .containsEntry("interrupted_by", "1201").containsEntry("variables", "RESPONSE_BODY")
                    .containsEntry("messages", "Oracle error in the response");
            assertThat(event.details().toString()).doesNotContain("ORA-00933");
        }

        @Test
        void aResponseHeaderRuleBlocksInPhaseThreeBeforeAnythingIsSent() throws Exception {
            HttpResponse<String> response = gw.get("/strict/debug");
            assertWithheld(response, "waf-blocked-response");
            SecurityEvent event = awaitEvent(events, "waf.blocked", requestId(response));
            assertThat(event.details()).containsEntry("rule_ids", "1202").containsEntry("phase", "3")
                    .containsEntry("variables", "RESPONSE_HEADERS:X-Debug-Token");
        }

        @Test
        void passesACleanResponseUnchanged() throws Exception {
            HttpResponse<String> response = gw.get("/strict/clean");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(CLEAN);
            assertThat(response.headers().firstValue("ETag")).hasValue("\"v7\"");
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html");
        }

        @Test
        void doesNotInspectTheBodyOfAMediaTypeThatIsNotListed() throws Exception {
            HttpResponse<String> response = gw.get("/strict/oracle-binary");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(ORACLE_ERROR);
        }

        @Test
        void withholdsAResponseLongerThanTheLimitByDefault() throws Exception {
            HttpResponse<String> response = gw.get("/strict/long");
            assertWithheld(response, "waf-response-uninspected");
            SecurityEvent event = awaitEvent(events, "waf.not-inspected", requestId(response));
            assertThat(event.details()).containsEntry("reason", "too-large").containsEntry("outcome", "blocked")
                    .containsEntry("limit", "1024");
        }

        @Test
        void withholdsACompressedResponseByDefault() throws Exception {
            HttpResponse<String> response = gw.get("/strict/gzip");
            assertWithheld(response, "waf-response-uninspected");
            assertThat(awaitEvent(events, "waf.not-inspected", requestId(response)).details())
                    .containsEntry("reason", "compressed").containsEntry("outcome", "blocked");
        }

        @Test
        void onOversizePassInspectsTheFirstBytesOfALongerBodyAsProcessPartial() throws Exception {
            HttpResponse<String> early = gw.get("/partial/oracle-early");
            assertWithheld(early, "waf-blocked-response");
            assertThat(awaitEvent(events, "waf.not-inspected", requestId(early)).details())
                    .containsEntry("reason", "too-large").containsEntry("outcome", "inspected-partially");
            assertThat(awaitEvent(events, "waf.blocked", requestId(early)).details().get("rule_ids"))
                    .contains("1201", "1203");

            HttpResponse<String> late = gw.get("/partial/oracle-late");
            assertThat(late.statusCode()).isEqualTo(200);
            assertThat(late.body()).isEqualTo(PADDING + ORACLE_ERROR);
            assertThat(awaitEvent(events, "waf.detected", requestId(late)).details())
                    .containsEntry("rule_ids", "1203").containsEntry("variables", "OUTBOUND_DATA_ERROR");
        }

        @Test
        void onOversizePassSendsACompressedResponseAsReceived() throws Exception {
            HttpResponse<byte[]> response = gw.client.send(HttpRequest.newBuilder(URI.create(gw.base() + "/partial/gzip"))
                    .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
            assertThat(response.body()).isEqualTo(gzip(ORACLE_ERROR));
            assertThat(awaitEvent(events, "waf.not-inspected", requestId(response)).details())
                    .containsEntry("reason", "compressed").containsEntry("outcome", "passed");
        }

        @Test
        void countsResponsesNotInspectedWholeInTheMetrics() throws Exception {
            HttpResponse<String> passed = gw.get("/partial/gzip");
            assertThat(passed.statusCode()).isEqualTo(200);
            assertWithheld(gw.get("/strict/long"), "waf-response-uninspected");

            // the bus delivers in order: once the second response is counted, the first is too
            String metrics = gw.awaitMetrics(
                    "rampart_waf_responses_not_inspected_total{outcome=\"blocked\",reason=\"too-large\",route=\"strict\"}");
            assertThat(metrics).contains(
                    "rampart_waf_responses_not_inspected_total{outcome=\"passed\",reason=\"compressed\",route=\"partial\"}");
        }

        @Test
        void detectionOnlyPassesTheResponseAndReportsIt() throws Exception {
            HttpResponse<String> response = gw.get("/watched/oracle");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(ORACLE_ERROR);
            SecurityEvent event = awaitEvent(events, "waf.detected", requestId(response));
            assertThat(event.code()).isEqualTo("waf-response-detected");
            assertThat(event.details()).containsEntry("rule_ids", "1201").containsEntry("phase", "4")
                    .containsEntry("mode", "detection-only");

            HttpResponse<String> longer = gw.get("/watched/long");
            assertThat(longer.statusCode()).isEqualTo(200);
            assertThat(longer.body()).isEqualTo(PADDING);
        }
    }

    /** The OWASP Core Rule Set v4.28.0 from ../shared: its RESPONSE-95x rules and outbound anomaly score. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class CoreRuleSet {

        GatewayHarness gw;
        final List<SecurityEvent> events = new CopyOnWriteArrayList<>();

        @BeforeAll
        void start(@TempDir Path dir) throws Exception {
            Path crs = GatewayHarness.crsDirectory();
            Assumptions.assumeTrue(crs != null, "../shared/crs-v4.28.0 not found; CRS response rules skipped");
            gw = WafResponseInspectionTest.start(dir, """
                    routes:
                      - id: crs
                        match: {path-prefix: /}
                        upstream: {urls: [%1$s]}
                        waf:
                          rules: ["%2$s/crs-setup.conf.example", "%2$s/rules/*.conf"]
                          inspect-responses: {}
                    """.formatted(upstreamUrl, crs), events);
        }

        @AfterAll
        void stop() {
            if (gw != null) {
                gw.close();
            }
        }

        HttpResponse<String> get(String path) throws Exception {
            return gw.get(path, "User-Agent", "integration-test", "Accept", "text/html");
        }

        @Test
        void blocksASqlErrorMessageByTheOutboundAnomalyScore() throws Exception {
            HttpResponse<String> response = get("/orders/mysql");
            assertWithheld(response, "waf-blocked-response");
            SecurityEvent event = awaitEvent(events, "waf.blocked", requestId(response));
            assertThat(event.details().get("rule_ids")).contains("951230", "959100");
            assertThat(event.details()).containsEntry("phase", "4").containsEntry("interrupted_by", "959100");
            assertThat(Integer.parseInt(event.details().get("outbound_anomaly_score"))).isGreaterThanOrEqualTo(4);
        }

        @Test
        void blocksAJavaStackTraceAndADirectoryListing() throws Exception {
            HttpResponse<String> stack = get("/orders/stack");
            assertWithheld(stack, "waf-blocked-response");
            assertThat(awaitEvent(events, "waf.blocked", requestId(stack)).details().get("rule_ids")).contains("952110");

            HttpResponse<String> listing = get("/backup/listing");
            assertWithheld(listing, "waf-blocked-response");
            assertThat(awaitEvent(events, "waf.blocked", requestId(listing)).details().get("rule_ids")).contains("950130");
        }

        @Test
        void passesACleanPageAndBodiesOfUnlistedTypes() throws Exception {
            HttpResponse<String> clean = get("/orders/clean");
            assertThat(clean.statusCode()).isEqualTo(200);
            assertThat(clean.body()).isEqualTo(CLEAN);
            HttpResponse<String> binary = get("/orders/mysql-binary");
            assertThat(binary.statusCode()).isEqualTo(200);
            assertThat(binary.body()).isEqualTo(MYSQL_ERROR);
        }

    }

    @Test
    void aMediaTypeThatIsNotOneIsReportedAtItsConfigKey(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("rampart.yaml");
        Files.writeString(config, """
                routes:
                  - id: api
                    match: {path-prefix: /}
                    upstream: {urls: ["http://127.0.0.1:9"]}
                    waf:
                      inspect-responses: {mime-types: [text/html, "text/plain; charset=utf-8"]}
                """);
        assertThatThrownBy(() -> ConfigLoader.load(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("routes[0].waf.inspect-responses.mime-types[1]")
                .hasMessageContaining("is not a media type");
    }
}
