package dev.rampart.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.rampart.auth.apikey.ApiKeyFormat;
import dev.rampart.auth.apikey.PresentedKey;
import dev.rampart.auth.credential.Base62;
import dev.rampart.core.SecurityEvent;
import dev.rampart.detect.WebhookSignature;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The detector in a real gateway: failed API-key authentications from 127.0.0.1 trip the built-in
 * brute-force rules, which open incidents the admin API lists and changes, ban the client, and send
 * a signed alert to a real local webhook receiver.
 */
class DetectionIntegrationTest {

    private static final String WEBHOOK_SECRET = "whsec_it_only_7d2e";

    @TempDir
    static Path dir;

    static TestUpstream upstream;
    static GatewayHarness gw;
    static HttpServer receiver;
    static final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    static final List<SecurityEvent> events = new CopyOnWriteArrayList<>();
    static JsonObject bruteForceIncident;
    static String keyId;

    /** One webhook request as the receiver saw it. */
    record Delivery(String signature, byte[] body) {
    }

    @BeforeAll
    static void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            deliveries.add(new Delivery(exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER), body));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        upstream = new TestUpstream("detected");
        gw = GatewayHarness.start(dir, """
                bans:
                  base-time: 1m
                detection:
                  alerts:
                    webhooks: [{url: "http://127.0.0.1:%2$d/hook", secret: "%3$s"}]
                routes:
                  - id: api
                    match: {path-prefix: /api}
                    upstream: {urls: [%1$s]}
                    authentication:
                      api-key: {}
                  - id: open
                    match: {path-prefix: /open}
                    upstream: {urls: [%1$s]}
                """.formatted(upstream.url(), receiver.getAddress().getPort(), WEBHOOK_SECRET), false);
        gw.gateway.events().subscribe(events::add);
    }

    @AfterAll
    static void stop() throws Exception {
        if (gw != null) {
            gw.close();
        }
        if (upstream != null) {
            upstream.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    /**
     * Five requests with a wrong secret for a real key, once for the class (the ban that follows
     * refuses further connections from 127.0.0.1): the brute-force-ip incident it opens.
     */
    static synchronized JsonObject bruteForceIncident() throws Exception {
        if (bruteForceIncident == null) {
            HttpResponse<String> created = post("/admin/api-keys", "{\"name\": \"ci\", \"owner\": \"team-ci\"}");
            assertThat(created.statusCode()).isEqualTo(201);
            keyId = new JsonObject(created.body()).getString("id");
            String wrong = withOtherSecret(new JsonObject(created.body()).getString("key"));
            assertThat(gw.get("/open/probe/status/404").statusCode()).isEqualTo(404);
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> refused = gw.get("/api/orders", "X-API-Key", wrong);
                assertThat(refused.statusCode()).isEqualTo(401);
            }
            bruteForceIncident = await("a brute-force-ip incident", () -> incident("brute-force-ip"));
        }
        return bruteForceIncident;
    }

    @Test
    void failedApiKeyLoginsOpenAnIncidentBanTheClientAndSendASignedAlert() throws Exception {
        assertThat(gw.gateway.detection().detector().ruleNames()).contains("brute-force-ip", "brute-force-account");
        JsonObject incident = bruteForceIncident();
        assertThat(incident.getString("severity")).isEqualTo("SEV-3");
        assertThat(incident("brute-force-account")).as("5 failures against key " + keyId).isPresent();
        assertThat(events).filteredOn(e -> e.type().equals("authentication.failed")).hasSize(5)
                .allSatisfy(e -> assertThat(e.details()).containsEntry("reason", "bad-secret").containsEntry("account", keyId));
        assertThat(events).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo("upstream.not-found");
            assertThat(e.clientIp()).isEqualTo("127.0.0.1");
        });

        // the ban_ip action: a new connection from 127.0.0.1 is refused at accept
        await("127.0.0.1 banned", () -> gw.gateway.traffic().bans().list().stream()
                .filter(b -> b.block().equals("127.0.0.1") && b.source().equals("detector")).findFirst());
        assertThat(TrafficControlIntegrationTest.freshStatus(gw, "/open/x")).isEqualTo(-1);

        Delivery alert = await("a webhook delivery for the incident", () -> deliveries.stream()
                .filter(d -> new JsonObject(new String(d.body(), StandardCharsets.UTF_8)).getJsonObject("fields")
                        .getString("incident", "").equals(incident.getString("id"))).findFirst());
        JsonObject payload = new JsonObject(new String(alert.body(), StandardCharsets.UTF_8));
        assertThat(payload.getString("kind")).isEqualTo("incident.opened");
        assertThat(payload.getJsonObject("fields").getString("rule")).isEqualTo("brute-force-ip");
        assertThat(WebhookSignature.verify(WEBHOOK_SECRET, alert.signature(), alert.body(), Instant.now(),
                Duration.ofMinutes(5))).isTrue();
        assertThat(WebhookSignature.verify("whsec_someone_else", alert.signature(), alert.body(), Instant.now(),
                Duration.ofMinutes(5))).isFalse();
    }

    @Test
    void incidentsAreShownAcknowledgedAnnotatedAndResolvedThroughTheAdminApi() throws Exception {
        String id = bruteForceIncident().getString("id");

        // the detector records the incident, then its actions: wait for the first action line
        JsonArray timeline = await("an action on the timeline", () -> {
            HttpResponse<String> shown = gw.adminGet("/admin/incidents/" + id);
            assertThat(shown.statusCode()).isEqualTo(200);
            JsonArray lines = new JsonObject(shown.body()).getJsonArray("timeline");
            return lines.stream().anyMatch(o -> "action".equals(((JsonObject) o).getString("entry")))
                    ? Optional.of(lines) : Optional.empty();
        });
        assertThat(timeline.stream().map(o -> ((JsonObject) o).getString("entry"))).contains("state", "event", "action");

        HttpResponse<String> acked = post("/admin/incidents/" + id + "/ack", "{\"by\": \"alice\"}");
        assertThat(acked.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(acked.body()).getString("state")).isEqualTo("acknowledged");
        assertThat(new JsonObject(acked.body()).getString("acknowledged_by")).isEqualTo("alice");
        assertThat(post("/admin/incidents/" + id + "/notes", "{\"text\": \"owner rotated the key\"}").statusCode())
                .isEqualTo(200);
        HttpResponse<String> resolved = post("/admin/incidents/" + id + "/resolve", "{\"resolution\": \"key rotated\"}");
        assertThat(new JsonObject(resolved.body()).getString("state")).isEqualTo("resolved");
        assertThat(new JsonObject(resolved.body()).getString("resolved_by")).isEqualTo("admin");
        assertThat(gw.adminGet("/admin/incidents?state=resolved").body()).contains(id);

        HttpResponse<String> again = post("/admin/incidents/" + id + "/resolve", null);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(new JsonObject(again.body()).getString("code")).isEqualTo("incident-state-conflict");
        HttpResponse<String> unknown = gw.adminGet("/admin/incidents/no-such-incident");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(unknown.body()).getString("code")).isEqualTo("incident-not-found");
        HttpResponse<String> badState = gw.adminGet("/admin/incidents?state=closed");
        assertThat(badState.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(badState.body()).getString("detail")).contains("open, acknowledged or resolved");
        assertThat(post("/admin/incidents/" + id + "/notes", "{}").statusCode()).isEqualTo(400);
        assertThat(events).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo("admin.auth.succeeded");
            assertThat(e.principalId()).isEqualTo("admin");
        });

        JsonObject paths = new JsonObject(gw.adminGet("/admin/openapi.json").body()).getJsonObject("paths");
        assertThat(paths.fieldNames()).contains("/admin/incidents", "/admin/incidents/{id}", "/admin/incidents/{id}/ack",
                "/admin/incidents/{id}/resolve", "/admin/incidents/{id}/notes");
    }

    /** The newest incident {@code rule} opened, in any state. */
    private static Optional<JsonObject> incident(String rule) throws Exception {
        HttpResponse<String> r = gw.adminGet("/admin/incidents");
        assertThat(r.statusCode()).isEqualTo(200);
        return new JsonObject(r.body()).getJsonArray("incidents").stream().map(JsonObject.class::cast)
                .filter(i -> rule.equals(i.getString("rule"))).findFirst();
    }

    private static HttpResponse<String> post(String path, String json) throws Exception {
        return gw.send(HttpRequest.newBuilder(URI.create(gw.admin() + path))
                .header("Authorization", "Bearer " + gw.adminToken).header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    /**
     * The key with another secret and a valid checksum (CRC32 of the rest in base62, see
     * ApiKeyFormat), so the gateway looks the key id up and refuses the secret (bad-secret).
     */
    private static String withOtherSecret(String key) {
        int last = ApiKeyFormat.LENGTH - ApiKeyFormat.CHECKSUM_LENGTH - 1;
        char other = key.charAt(last) == 'a' ? 'b' : 'a';
        String body = key.substring(0, last) + other;
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] checksum = new char[ApiKeyFormat.CHECKSUM_LENGTH];
        for (int i = checksum.length - 1; i >= 0; i--) {
            checksum[i] = Base62.ALPHABET.charAt((int) (value % 62));
            value /= 62;
        }
        String wrong = body + new String(checksum);
        assertThat(ApiKeyFormat.parse(wrong)).isInstanceOf(PresentedKey.class);
        return wrong;
    }

    /** Polls: the detector and the alerter work on their own threads. */
    private static <T> T await(String what, Check<T> check) throws Exception {
        long deadline = System.currentTimeMillis() + 15_000;
        while (true) {
            Optional<T> found = check.get();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    @FunctionalInterface
    private interface Check<T> {
        Optional<T> get() throws Exception;
    }
}
