package dev.rampart.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /admin/api-keys} end to end: keys made through the admin API used on a real route. */
class ApiKeysAdminIntegrationTest {

    @TempDir
    static Path dir;

    static TestUpstream upstream;
    static GatewayHarness gw;

    @BeforeAll
    static void start() throws Exception {
        upstream = new TestUpstream("api");
        gw = GatewayHarness.start(dir, """
                routes:
                  - id: api
                    match: {path-prefix: /api}
                    upstream: {urls: [%s]}
                    authentication:
                      api-key: {}
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

    private static HttpResponse<String> post(String path, String json) throws Exception {
        return gw.send(HttpRequest.newBuilder(URI.create(gw.admin() + path))
                .header("Authorization", "Bearer " + gw.adminToken)
                .header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    private static JsonObject create(String name) throws Exception {
        HttpResponse<String> r = post("/admin/api-keys", """
                {"name": "%s", "owner": "team-payments", "roles": ["deployer"], "scopes": ["deploy:write"],
                 "allowed_cidrs": ["127.0.0.0/8"], "expires_in": "90d"}""".formatted(name));
        assertThat(r.statusCode()).isEqualTo(201);
        return new JsonObject(r.body());
    }

    @Test
    void createdKeyIsShownOnceAndWorksAtOnce() throws Exception {
        JsonObject created = create("ci-deploy");
        String key = created.getString("key");
        String id = created.getString("id");

        assertThat(key).startsWith("rmp_" + id + "_").hasSize(66);
        assertThat(created.getString("owner")).isEqualTo("team-payments");
        assertThat(created.getJsonArray("allowed_cidrs")).containsExactly("127.0.0.0/8");
        assertThat(Instant.parse(created.getString("expires_at")))
                .isBetween(Instant.now().plus(Duration.ofDays(89)), Instant.now().plus(Duration.ofDays(91)));
        assertThat(gw.get("/api/x", "X-API-Key", key).statusCode()).isEqualTo(200);

        HttpResponse<String> list = gw.adminGet("/admin/api-keys");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(id).doesNotContain(key).doesNotContain(key.substring(17));
        JsonArray keys = new JsonObject(list.body()).getJsonArray("api_keys");
        assertThat(keys.stream().map(o -> ((JsonObject) o).getString("id"))).contains(id);
    }

    @Test
    void revokeTakesEffectAtOnce() throws Exception {
        java.util.List<dev.rampart.core.SecurityEvent> keyEvents = new java.util.concurrent.CopyOnWriteArrayList<>();
        gw.gateway.events().subscribe(e -> {
            if (e.type().startsWith("api-key.")) {
                keyEvents.add(e);
            }
        });
        JsonObject created = create("revoke-me");
        String key = created.getString("key");
        assertThat(gw.get("/api/x", "X-API-Key", key).statusCode()).isEqualTo(200);

        HttpResponse<String> r = post("/admin/api-keys/" + created.getString("id") + "/revoke", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(r.body()).getBoolean("revoked")).isTrue();

        HttpResponse<String> refused = gw.get("/api/x", "X-API-Key", key);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(new JsonObject(refused.body()).getString("code")).isEqualTo("invalid-api-key");

        HttpResponse<String> rotate = post("/admin/api-keys/" + created.getString("id") + "/rotate", null);
        assertThat(rotate.statusCode()).isEqualTo(409);
        assertThat(rotate.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        // Credential changes reach the event bus (for the audit log), naming the key id, never the key.
        long deadline = System.currentTimeMillis() + 5_000;
        while (keyEvents.size() < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(keyEvents).extracting(dev.rampart.core.SecurityEvent::type)
                .containsExactly("api-key.created", "api-key.revoked");
        assertThat(keyEvents).allSatisfy(e -> {
            assertThat(e.details()).containsEntry("key_id", created.getString("id"));
            assertThat(e.details().toString()).doesNotContain(key);
        });
    }

    @Test
    void rotateGivesANewKeyAndTheOldOneWorksThroughTheGrace() throws Exception {
        JsonObject created = create("rotate-me");
        String old = created.getString("key");

        HttpResponse<String> r = post("/admin/api-keys/" + created.getString("id") + "/rotate", "{\"grace\": \"24h\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject rotated = new JsonObject(r.body());
        String fresh = rotated.getString("key");
        assertThat(fresh).isNotEqualTo(old).startsWith("rmp_" + created.getString("id") + "_");
        assertThat(rotated.getString("previous_secret_valid_until")).isNotNull();

        assertThat(gw.get("/api/x", "X-API-Key", fresh).statusCode()).isEqualTo(200);
        assertThat(gw.get("/api/x", "Authorization", "Bearer " + old).statusCode()).isEqualTo(200);
    }

    @Test
    void oauth2ClientEndpointsSayTheServerIsNotConfigured() throws Exception {
        HttpResponse<String> r = post("/admin/oauth2/clients", "{\"name\": \"x\"}");
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(new JsonObject(r.body()).getString("code")).isEqualTo("oauth2-server-not-configured");
        assertThat(gw.get("/oauth2/token").statusCode()).isEqualTo(404);   // no token endpoint either
    }

    @Test
    void refusesBadInputWithProblemJson() throws Exception {
        for (String body : new String[] {null, "not json", "{\"owner\": \"x\"}",
                "{\"name\": \"n\", \"owner\": \"o\", \"expires_in\": \"soon\"}",
                "{\"name\": \"n\", \"owner\": \"o\", \"allowed_cidrs\": [\"10.0.0.1/8\"]}",
                "{\"name\": \"n\", \"owner\": \"o\", \"roles\": \"admin\"}"}) {
            HttpResponse<String> r = post("/admin/api-keys", body);
            assertThat(r.statusCode()).as(String.valueOf(body)).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(new JsonObject(r.body()).getString("code")).isEqualTo("invalid-request");
        }
        HttpResponse<String> badGrace = post("/admin/api-keys/" + create("g").getString("id") + "/rotate",
                "{\"grace\": \"a while\"}");
        assertThat(badGrace.statusCode()).isEqualTo(400);
    }

    @Test
    void unknownKeyIs404() throws Exception {
        for (String action : new String[] {"revoke", "rotate"}) {
            HttpResponse<String> r = post("/admin/api-keys/AAAAAAAAAAAA/" + action, null);
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(new JsonObject(r.body()).getString("code")).isEqualTo("api-key-not-found");
        }
    }

    @Test
    void openApiDocumentListsTheEndpoints() throws Exception {
        JsonObject paths = new JsonObject(gw.adminGet("/admin/openapi.json").body()).getJsonObject("paths");
        assertThat(paths.getJsonObject("/admin/api-keys").fieldNames()).containsExactlyInAnyOrder("get", "post");
        assertThat(paths.fieldNames()).contains("/admin/api-keys/{id}/revoke", "/admin/api-keys/{id}/rotate");
    }

    @Test
    void needsTheAdminToken() throws Exception {
        HttpResponse<String> r = gw.send(HttpRequest.newBuilder(URI.create(gw.admin() + "/admin/api-keys"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"n\", \"owner\": \"o\"}")));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(gw.adminGet("/admin/api-keys").body()).doesNotContain("\"name\":\"n\"");
    }
}
