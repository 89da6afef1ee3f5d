package dev.rampart.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.core.SecurityEvent;
import dev.rampart.gateway.config.ConfigException;
import dev.rampart.gateway.config.ConfigLoader;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WAF through a real gateway: attacks answered 403 problem+json with the request id and a
 * waf.blocked event that names rules and variables but never the values, benign requests passed
 * to the upstream, DetectionOnly, exclusions, the built-in Rampart pack, and the OWASP CRS from
 * ../shared when it is there.
 */
class WafIntegrationTest {

    static TestUpstream upstream;

    @BeforeAll
    static void startUpstream() throws Exception {
        upstream = new TestUpstream("protected");
    }

    @AfterAll
    static void stopUpstream() throws Exception {
        if (upstream != null) {
            upstream.close();
        }
    }

    static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static HttpResponse<String> postJson(GatewayHarness gw, String path, String json) throws Exception {
        return gw.send(HttpRequest.newBuilder(URI.create(gw.base() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Waits for the event bus (asynchronous) to deliver a matching event. */
    static SecurityEvent awaitEvent(List<SecurityEvent> events, Predicate<SecurityEvent> which) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5_000;
        while (System.currentTimeMillis() < deadline) {
            for (SecurityEvent e : events) {
                if (which.test(e)) {
                    return e;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no such event among " + events);
    }

    static void assertBlocked(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonObject problem = new JsonObject(response.body());
        assertThat(problem.getString("code")).isEqualTo("waf-blocked");
        assertThat(problem.getString("request_id")).isNotBlank();
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue(problem.getString("request_id"));
    }

    /** Rampart's built-in rule pack: no rule files configured, nothing needed from ../shared. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class BuiltInPack {

        GatewayHarness gw;
        final List<SecurityEvent> events = new CopyOnWriteArrayList<>();

        @BeforeAll
        void start(@TempDir Path dir) throws Exception {
            Files.writeString(dir.resolve("responses.conf"), """
                    SecRule RESPONSE_STATUS "@rx ^5" "id:1101,phase:3,deny,status:403,log,msg:'Upstream error exposed'"
                    """);
            gw = GatewayHarness.start(dir, """
                    routes:
                      - id: responses
                        match: {path-prefix: /responses}
                        upstream: {urls: [%1$s]}
                        waf: {rules: [responses.conf], inspect-response-headers: true}
                      - id: watched
                        match: {path-prefix: /watched}
                        upstream: {urls: [%1$s]}
                        waf: {mode: detection-only}
                      - id: relaxed
                        match: {path-prefix: /relaxed}
                        upstream: {urls: [%1$s]}
                        waf:
                          remove-rules: [7100600]
                          exclusions:
                            - {path-prefix: /relaxed/sql-console, rule-tags: [attack-sqli], targets: ["ARGS:json.query"]}
                      - id: api
                        match: {path-prefix: /}
                        upstream: {urls: [%1$s]}
                        waf: {}
                    """.formatted(upstream.url()), false);
            gw.gateway.events().subscribe(e -> {
                if (e.type().startsWith("waf.")) {
                    events.add(e);
                }
            });
        }

        @AfterAll
        void stop() {
            if (gw != null) {
                gw.close();
            }
        }

        @Test
        void blocksSqlInjectionWithProblemJsonAndAnEventWithoutTheValue() throws Exception {
            HttpResponse<String> response = gw.get("/items?id=" + q("1' UNION SELECT password FROM users --"),
                    "Cookie", "session=s3cr3t-cookie-value", "Authorization", "Bearer very-secret-token");
            assertBlocked(response);
            String requestId = new JsonObject(response.body()).getString("request_id");
            SecurityEvent event = awaitEvent(events, e -> requestId.equals(e.requestId()));
            assertThat(event.type()).isEqualTo("waf.blocked");
            assertThat(event.source()).isEqualTo("waf");
            assertThat(event.routeId()).isEqualTo("api");
            assertThat(event.details().get("rule_ids")).isEqualTo("7100500,7100991");
            assertThat(event.details().get("variables")).isEqualTo("ARGS:id,TX:rampart_inbound_score");
            assertThat(event.details().get("messages")).contains("SQL injection");
            assertThat(event.details().get("interrupted_by")).isEqualTo("7100991");
            assertThat(event.details().toString()).doesNotContain("password", "UNION", "s3cr3t", "very-secret-token");
        }

        @Test
        void blocksXssPathTraversalCommandInjectionAndScanners() throws Exception {
            assertBlocked(gw.get("/search?q=" + q("<script>alert(document.cookie)</script>")));
            assertBlocked(gw.get("/files?name=" + q("../../../../etc/passwd")));
            assertBlocked(gw.get("/ping?host=" + q("127.0.0.1; cat /etc/passwd")));
            assertBlocked(gw.get("/", "User-Agent", "Mozilla/5.00 (Nikto/2.1.6) (Evasions:None) (Test:000003)"));
        }

        @Test
        void passesBenignJsonWithApostrophesAndProse() throws Exception {
            String json = """
                    {"name":"O'Brien","comment":"I'd like to select a union rep, or drop by on Monday; it's fine",
                     "prompt":"Write SQL: SELECT name FROM users WHERE id = 1 -- explain it","markdown":"**bold** `code`"}""";
            HttpResponse<String> response = postJson(gw, "/orders", json);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(upstream.last().uri()).isEqualTo("/orders");
            assertThat(upstream.last().bodyBytes()).isEqualTo(json.getBytes(StandardCharsets.UTF_8).length);
            assertThat(gw.get("/search?q=" + q("rock 'n' roll")).statusCode()).isEqualTo(200);
        }

        @Test
        void blocksAnAttackInABodyInspectedOnTheWorkerPool() throws Exception {
            StringBuilder json = new StringBuilder("{\"items\":[");
            for (int i = 0; i < 2_000; i++) {
                json.append("{\"n\":").append(i).append(",\"note\":\"it's item ").append(i).append("\"},");
            }
            json.append("{\"note\":\"<img src=x onerror=alert(1)>\"}]}");
            assertBlocked(postJson(gw, "/bulk", json.toString()));
            String benign = json.substring(0, json.lastIndexOf(",{")) + "]}";
            assertThat(postJson(gw, "/bulk", benign).statusCode()).isEqualTo(200);
        }

        @Test
        void detectionOnlyPassesTheRequestAndReportsIt() throws Exception {
            HttpResponse<String> response = gw.get("/watched/search?q=" + q("<script>alert(1)</script>"));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(upstream.last().uri()).startsWith("/watched/search");
            SecurityEvent event = awaitEvent(events, e -> "watched".equals(e.routeId()));
            assertThat(event.type()).isEqualTo("waf.detected");
            assertThat(event.details()).containsEntry("mode", "detection-only");
            assertThat(event.details().get("rule_ids")).contains("7100600");
        }

        @Test
        void exclusionsRemoveRulesAndTargetsOnlyWhereConfigured() throws Exception {
            // remove-rules: the XSS rule does not run on this route at all
            assertThat(gw.get("/relaxed/page?q=" + q("<script>alert(1)</script>")).statusCode()).isEqualTo(200);
            // the SQL console's query field is not inspected for SQL injection...
            String sql = "{\"query\":\"1' OR '1'='1\"}";
            assertThat(postJson(gw, "/relaxed/sql-console", sql).statusCode()).isEqualTo(200);
            // ...but another field on that path is, and the same field elsewhere on the route is
            assertBlocked(postJson(gw, "/relaxed/sql-console", "{\"note\":\"1' OR '1'='1\"}"));
            assertBlocked(postJson(gw, "/relaxed/other", sql));
        }

        @Test
        void responseHeaderRulesReportWhatTheyCannotBlockAnyMore() throws Exception {
            HttpResponse<String> response = gw.get("/responses/status/502");
            assertThat(response.statusCode()).isEqualTo(502);
            SecurityEvent event = awaitEvent(events, e -> "responses".equals(e.routeId()));
            assertThat(event.type()).isEqualTo("waf.detected");
            assertThat(event.code()).isEqualTo("waf-response-detected");
            assertThat(event.details()).containsEntry("rule_ids", "1101").containsEntry("phase", "3")
                    .containsEntry("variables", "RESPONSE_STATUS");
        }

        @Test
        void countsBlocksByRuleIdInTheMetrics() throws Exception {
            assertBlocked(gw.get("/search?q=" + q("1' OR 1=1 --")));
            assertThat(gw.awaitMetrics("rampart_waf_blocks_total{rule=\"7100500\"}"))
                    .contains("rampart_waf_blocks_total{rule=\"7100500\"}");
        }
    }

    /** The OWASP Core Rule Set v4.28.0 from ../shared at paranoia level 1. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class CoreRuleSet {

        GatewayHarness gw;
        final List<SecurityEvent> events = new CopyOnWriteArrayList<>();

        @BeforeAll
        void start(@TempDir Path dir) throws Exception {
            Path crs = GatewayHarness.crsDirectory();
            Assumptions.assumeTrue(crs != null, "../shared/crs-v4.28.0 not found; CRS through the gateway skipped");
            gw = GatewayHarness.start(dir, """
                    routes:
                      - id: crs
                        match: {path-prefix: /}
                        upstream: {urls: [%s]}
                        waf:
                          rules: ["%s/crs-setup.conf.example", "%s/rules/*.conf"]
                          paranoia-level: 1
                    """.formatted(upstream.url(), crs, crs), false);
            gw.gateway.events().subscribe(e -> {
                if (e.type().startsWith("waf.")) {
                    events.add(e);
                }
            });
        }

        @AfterAll
        void stop() {
            if (gw != null) {
                gw.close();
            }
        }

        @Test
        void blocksClassicSqlInjectionXssAndPathTraversal() throws Exception {
            HttpResponse<String> sqli = gw.get("/items?id=" + q("1' OR '1'='1' --"), "User-Agent", "integration-test");
            assertBlocked(sqli);
            String requestId = new JsonObject(sqli.body()).getString("request_id");
            SecurityEvent event = awaitEvent(events, e -> requestId.equals(e.requestId()));
            assertThat(event.details().get("rule_ids")).contains("942100", "949110");
            assertThat(event.details().get("variables")).contains("ARGS:id");
            assertThat(event.details().toString()).doesNotContain("'1'='1'");
            assertBlocked(gw.get("/search?q=" + q("<script>alert(1)</script>"), "User-Agent", "integration-test"));
            assertBlocked(gw.get("/download?file=" + q("../../../../etc/passwd"), "User-Agent", "integration-test"));
        }

        @Test
        void passesBenignJsonWithApostrophes() throws Exception {
            String json = "{\"name\":\"O'Brien\",\"comment\":\"it's Bob's order, don't ship before Monday\"}";
            HttpResponse<String> response = gw.send(HttpRequest.newBuilder(URI.create(gw.base() + "/orders"))
                    .header("Content-Type", "application/json").header("User-Agent", "integration-test")
                    .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
            assertThat(response.statusCode()).isEqualTo(200);
        }

    }

    @Test
    void aRuleFileThatDoesNotParseIsReportedAtItsLineAndTheConfigKey(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("own.conf"), """
                SecRule ARGS "@rx ^a" "id:1001,phase:2,deny"
                SecRule ARGS "@nosuchoperator x" "id:1002,phase:2,deny"
                """);
        Path config = dir.resolve("rampart.yaml");
        Files.writeString(config, """
                routes:
                  - id: api
                    match: {path-prefix: /}
                    upstream: {urls: ["http://127.0.0.1:9"]}
                    waf:
                      rules: [own.conf]
                """);
        assertThatThrownBy(() -> ConfigLoader.load(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("routes[0].waf.rules[0]")
                .hasMessageContaining("own.conf:2:");
    }
}
