package dev.rampart.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin listener's authentication and endpoints, and config reload (API and file watch). */
class AdminAndReloadIntegrationTest {

    @TempDir
    Path dir;

    TestUpstream upstream;
    GatewayHarness gw;

    @BeforeEach
    void start() throws Exception {
        upstream = new TestUpstream("u");
        gw = GatewayHarness.start(dir, routes("/v1", "SECRET_DB_PASSWORD"), true);
    }

    @AfterEach
    void stop() throws Exception {
        gw.close();
        upstream.close();
    }

    private String routes(String prefix, String passwordEnv) {
        return """
                store:
                  data-dir: ./data
                  password: ${%s:-hunter2}
                routes:
                  - id: main
                    match:
                      path-prefix: %s
                    upstream:
                      urls: [%s]
                """.formatted(passwordEnv, prefix, upstream.url());
    }

    @Test
    void firstStartGeneratesAnAdminTokenAndStoresOnlyItsHash() throws Exception {
        assertThat(gw.adminToken).startsWith("rmp_admin_").hasSizeGreaterThan(40);
        String stored = gw.gateway.store().settings().get("admin.token.sha256").orElseThrow();
        assertThat(stored).doesNotContain(gw.adminToken).hasSize(64);
    }

    @Test
    void adminCallsWithoutOrWithWrongTokenAre401ProblemJson() throws Exception {
        HttpResponse<String> none = gw.client.send(HttpRequest.newBuilder(URI.create(gw.admin() + "/admin/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(new JsonObject(none.body()).getString("code")).isEqualTo("admin-unauthorized");

        HttpResponse<String> wrong = gw.client.send(HttpRequest.newBuilder(URI.create(gw.admin() + "/metrics"))
                .header("Authorization", "Bearer rmp_admin_wrong").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain("rmp_admin_wrong");
    }

    @Test
    void adminListenerBindsLoopbackByDefault() {
        assertThat(gw.gateway.loadedConfig().config().admin().host()).isEqualTo("127.0.0.1");
    }

    @Test
    void healthRoutesOpenApiAndMetricsAnswerWithTheToken() throws Exception {
        HttpResponse<String> health = gw.adminGet("/admin/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(health.body()).getString("status")).isEqualTo("ok");
        assertThat(gw.adminGet("/admin/routes").body()).contains("\"id\":\"main\"");
        assertThat(new JsonObject(gw.adminGet("/admin/openapi.json").body()).getString("openapi")).startsWith("3.");
        assertThat(gw.adminGet("/metrics").body()).contains("rampart_events_queued");
    }

    @Test
    void effectiveConfigMasksSecretsAndReferences() throws Exception {
        HttpResponse<String> r = gw.adminGet("/admin/config");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).doesNotContain("hunter2").contains("********");
    }

    @Test
    void reloadThroughTheApiAppliesAGoodConfig() throws Exception {
        assertThat(gw.get("/v2/x").statusCode()).isEqualTo(404);
        Files.writeString(gw.configFile, headerOf(gw) + routes("/v2", "SECRET_DB_PASSWORD"));
        HttpResponse<String> r = gw.adminPost("/admin/config/reload");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(r.body()).getLong("config_generation")).isGreaterThanOrEqualTo(2);
        assertThat(gw.get("/v2/x").statusCode()).isEqualTo(200);
    }

    @Test
    void reloadRefusesABadConfigAndKeepsServingTheOldOne() throws Exception {
        String before = Files.readString(gw.configFile);
        Files.writeString(gw.configFile, before.replace("path-prefix: /v1", "path-prefix: /v1\n      colour: blue"));
        HttpResponse<String> r = gw.adminPost("/admin/config/reload");
        assertThat(r.statusCode()).isEqualTo(422);
        JsonObject p = new JsonObject(r.body());
        assertThat(p.getString("code")).isEqualTo("invalid-config");
        assertThat(p.getJsonArray("errors").encode()).contains("colour").contains("rampart.yaml:");
        assertThat(gw.get("/v1/x").statusCode()).isEqualTo(200);
    }

    @Test
    void reloadsWhenTheFileChangesAndIgnoresABadEdit() throws Exception {
        Path tmp = dir.resolve("next.yaml");
        Files.writeString(tmp, headerOf(gw) + routes("/v3", "SECRET_DB_PASSWORD"));
        Files.move(tmp, gw.configFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        awaitStatus("/v3/x", 200);

        Files.writeString(gw.configFile, "routes: [this is not: valid");
        Thread.sleep(3_000);
        assertThat(gw.get("/v3/x").statusCode()).isEqualTo(200);
    }

    @Test
    void inFlightRequestFinishesOnTheConfigItStartedWith() throws Exception {
        var slow = gw.client.sendAsync(HttpRequest.newBuilder(URI.create(gw.base() + "/v1/slow")).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        Thread.sleep(500);
        Files.writeString(gw.configFile, headerOf(gw) + routes("/v4", "SECRET_DB_PASSWORD"));
        assertThat(gw.adminPost("/admin/config/reload").statusCode()).isEqualTo(200);
        HttpResponse<String> r = slow.get();
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("slow");
        assertThat(gw.get("/v1/x").statusCode()).isEqualTo(404);
    }

    private void awaitStatus(String path, int status) throws Exception {
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            if (gw.get(path).statusCode() == status) {
                return;
            }
            Thread.sleep(200);
        }
        assertThat(gw.get(path).statusCode()).isEqualTo(status);
    }

    /** The listener/admin lines the harness wrote, so a rewritten file keeps the same ports. */
    private static String headerOf(GatewayHarness gw) throws Exception {
        String text = Files.readString(gw.configFile);
        return text.substring(0, text.indexOf("store:"));
    }
}
