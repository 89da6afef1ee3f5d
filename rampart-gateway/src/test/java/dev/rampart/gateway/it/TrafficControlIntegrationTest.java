package dev.rampart.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.core.SecurityEvent;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rate limits, concurrency limits, bans and run-time IP lists through a real gateway: limits and
 * headers as a client sees them, bans and deny entries added through the admin API refusing the
 * next connection, and a ban rule banning a client that keeps being denied.
 */
class TrafficControlIntegrationTest {

    @TempDir
    static Path dir;
    @TempDir
    static Path ruleDir;

    static TestUpstream upstream;
    static GatewayHarness gw;
    static GatewayHarness strict;
    static final List<SecurityEvent> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        upstream = new TestUpstream("limited");
        gw = GatewayHarness.start(dir, """
                routes:
                  - id: search
                    match: {path-prefix: /search}
                    upstream: {urls: [%1$s]}
                    rate-limit:
                      limits: [{name: burst, limit: 3, window: 1m, key: client_ip}]
                  - id: slow
                    match: {path-prefix: /slow}
                    upstream: {urls: [%1$s]}
                    rate-limit:
                      concurrency: [{name: in-flight, max-in-flight: 1, key: client_ip}]
                  - id: open
                    match: {path-prefix: /open}
                    upstream: {urls: [%1$s]}
                """.formatted(upstream.url()), false);
        gw.gateway.events().subscribe(e -> {
            if (e.type().startsWith("rate-limit.") || e.type().startsWith("ban.")) {
                events.add(e);
            }
        });
        strict = GatewayHarness.start(ruleDir, """
                bans:
                  base-time: 1m
                  rules: [{name: too-many-denials, count: 3, window: 1m}]
                routes:
                  - id: only
                    match: {path: /only}
                    upstream: {urls: [%s]}
                """.formatted(upstream.url()), false);
    }

    @AfterAll
    static void stop() throws Exception {
        for (GatewayHarness h : new GatewayHarness[] {gw, strict}) {
            if (h != null) {
                h.close();
            }
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    static HttpResponse<String> admin(GatewayHarness h, String path, String json) throws Exception {
        return h.send(HttpRequest.newBuilder(URI.create(h.admin() + path)).header("Authorization", "Bearer " + h.adminToken)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A new client, so a new connection and the connection-accept check (HttpClient.close is Java 21). */
    static int freshStatus(GatewayHarness h, String path) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            return client.send(HttpRequest.newBuilder(URI.create(h.base() + path)).timeout(Duration.ofSeconds(10)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException closedAtAccept) {
            return -1;
        }
    }

    @Test
    void aRouteLimitAnswers429WithRetryAfterAndRateLimitHeaders() throws Exception {
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> ok = gw.get("/search?q=" + i);
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("RateLimit-Policy")).hasValue("\"burst\";q=3;w=60");
            String remaining = "\"burst\";r=" + (2 - i);
            assertThat(ok.headers().firstValue("RateLimit")).hasValueSatisfying(v -> assertThat(v).startsWith(remaining));
        }
        HttpResponse<String> limited = gw.get("/search?q=4");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
        assertThat(limited.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(new JsonObject(limited.body()).getString("code")).isEqualTo("rate-limited");
        assertThat(gw.get("/open/x").statusCode()).isEqualTo(200);   // other routes are not limited
        long deadline = System.currentTimeMillis() + 5_000;
        while (events.stream().noneMatch(e -> e.type().equals("rate-limit.exceeded")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(events).anySatisfy(e -> assertThat(e.type()).isEqualTo("rate-limit.exceeded"));
    }

    @Test
    void aConcurrencySlotIsHeldUntilTheResponseIsDone() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<String>> first = client.sendAsync(HttpRequest.newBuilder(URI.create(gw.base()
                + "/slow/one")).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        long deadline = System.currentTimeMillis() + 5_000;
        while (upstream.seen.stream().noneMatch(s -> s.uri().equals("/slow/one")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(gw.get("/slow/two").statusCode()).isEqualTo(429);
        assertThat(first.get().statusCode()).isEqualTo(200);
        // the slot is released when the gateway sees the exchange end, which may be a moment after
        // the client has read the last byte
        int status = 429;
        for (long until = System.currentTimeMillis() + 5_000; status == 429 && System.currentTimeMillis() < until; ) {
            status = gw.get("/slow/three").statusCode();
        }
        assertThat(status).isEqualTo(200);
    }

    @Test
    void aBanOrADenyEntryFromTheAdminApiRefusesTheNextConnectionUntilLifted() throws Exception {
        assertThat(freshStatus(gw, "/open/a")).isEqualTo(200);

        HttpResponse<String> banned = admin(gw, "/admin/bans", "{\"block\": \"127.0.0.1\", \"reason\": \"test\"}");
        assertThat(banned.statusCode()).isEqualTo(201);
        assertThat(new JsonObject(banned.body()).getString("until")).isNotNull();
        assertThat(freshStatus(gw, "/open/b")).isIn(-1, 403);
        assertThat(new JsonObject(gw.adminGet("/admin/bans").body()).getJsonArray("bans")).hasSize(1);
        assertThat(admin(gw, "/admin/bans/remove", "{\"block\": \"127.0.0.1\"}").statusCode()).isEqualTo(200);
        assertThat(freshStatus(gw, "/open/c")).isEqualTo(200);

        assertThat(admin(gw, "/admin/ip-lists", "{\"list\": \"deny\", \"block\": \"127.0.0.0/8\"}").statusCode()).isEqualTo(201);
        assertThat(freshStatus(gw, "/open/d")).isIn(-1, 403);
        assertThat(admin(gw, "/admin/ip-lists/remove", "{\"list\": \"deny\", \"block\": \"127.0.0.0/8\"}").statusCode())
                .isEqualTo(200);
        assertThat(freshStatus(gw, "/open/e")).isEqualTo(200);

        assertThat(admin(gw, "/admin/bans", "{\"block\": \"not-an-address\"}").statusCode()).isEqualTo(400);
        assertThat(admin(gw, "/admin/ip-lists", "{\"list\": \"maybe\", \"block\": \"10.0.0.1\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void aClientThatKeepsBeingDeniedIsBannedByTheRule() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(strict.get("/nothing-here-" + i).statusCode()).isEqualTo(404);
        }
        long deadline = System.currentTimeMillis() + 5_000;
        int status = 200;
        while (System.currentTimeMillis() < deadline && (status = freshStatus(strict, "/only")) == 200) {
            Thread.sleep(50);
        }
        assertThat(status).isIn(-1, 403);
        assertThat(new JsonObject(strict.adminGet("/admin/bans").body()).getJsonArray("bans").getJsonObject(0)
                .getString("reason")).contains("too-many-denials");
        assertThat(admin(strict, "/admin/bans/remove", "{\"block\": \"127.0.0.1\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void configChecksNameBadLimitsAndBanTimes() throws Exception {
        Path file = dir.resolve("bad-limits.yaml");
        Files.writeString(file, """
                bans: {base-time: 2d, max-time: 1d}
                routes:
                  - id: a
                    match: {path-prefix: /a}
                    upstream: {urls: [http://127.0.0.1:1]}
                    rate-limit:
                      limits: [{name: burst, limit: 0, window: 1s}]
                """);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> dev.rampart.gateway.config.ConfigLoader.load(file)))
                .hasMessageContaining("bans.base-time").hasMessageContaining("routes[0].rate-limit");
    }
}
