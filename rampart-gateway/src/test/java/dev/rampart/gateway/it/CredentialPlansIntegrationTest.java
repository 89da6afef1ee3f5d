package dev.rampart.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.gateway.cli.RampartCommand;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The rate-limit plan of an API key and of an OAuth2 client, given through the admin API, deciding
 * the limits their callers get.
 */
class CredentialPlansIntegrationTest {

    @TempDir
    static Path dir;

    static TestUpstream upstream;
    static GatewayHarness gw;

    @BeforeAll
    static void start() throws Exception {
        upstream = new TestUpstream("planned");
        gw = GatewayHarness.start(dir, """
                oauth2-server:
                  issuer: http://localhost
                  audiences: [https://api.example.com]
                rate-limits:
                  default-plan: free
                  plans:
                    free: {limits: [{name: free-minute, limit: 2, window: 1m, key: principal}]}
                    gold: {limits: [{name: gold-minute, limit: 100, window: 1m, key: principal}]}
                routes:
                  - id: api
                    match: {path-prefix: /api}
                    upstream: {urls: [%1$s]}
                    authentication: {api-key: {}}
                    rate-limit: {apply-plan: true}
                  - id: machines
                    match: {path-prefix: /machines}
                    upstream: {urls: [%1$s]}
                    authentication: {jwt: [rampart]}
                    rate-limit: {apply-plan: true}
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

    @Test
    void aKeyWithAPlanGetsThatPlansLimitsAndOneWithoutGetsTheDefault() throws Exception {
        JsonObject gold = create("{\"name\": \"partner\", \"owner\": \"team-b\", \"plan\": \"gold\"}");
        assertThat(gold.getString("plan")).isEqualTo("gold");
        JsonObject free = create("{\"name\": \"trial\", \"owner\": \"team-c\"}");
        assertThat(free.getValue("plan")).isNull();

        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = gw.get("/api/x", "X-API-Key", gold.getString("key"));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("RateLimit-Policy")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("\"gold-minute\";q=100"));
        }
        assertThat(gw.get("/api/x", "X-API-Key", free.getString("key")).headers().firstValue("RateLimit-Policy"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("\"free-minute\";q=2"));
        gw.get("/api/x", "X-API-Key", free.getString("key"));
        assertThat(gw.get("/api/x", "X-API-Key", free.getString("key")).statusCode()).isEqualTo(429);
    }

    @Test
    void anOAuth2ClientsPlanTravelsInItsTokensToTheRateLimits() throws Exception {
        HttpResponse<String> registered = post("/admin/oauth2/clients", "{\"name\": \"partner\", \"plan\": \"gold\"}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        JsonObject client = new JsonObject(registered.body());
        assertThat(client.getString("plan")).isEqualTo("gold");
        String basic = "Basic " + Base64.getEncoder().encodeToString((client.getString("client_id") + ":"
                + client.getString("client_secret")).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> token = gw.send(HttpRequest.newBuilder(URI.create(gw.base() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", basic)
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);

        HttpResponse<String> r = gw.get("/machines/x", "Authorization", "Bearer "
                + new JsonObject(token.body()).getString("access_token"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("RateLimit-Policy")).hasValueSatisfying(
                v -> assertThat(v).startsWith("\"gold-minute\";q=100"));
        assertThat(post("/admin/oauth2/clients", "{\"name\": \"typo\", \"plan\": \"glod\"}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void aPlanTheConfigDoesNotDefineIsRefused() throws Exception {
        HttpResponse<String> r = post("/admin/api-keys", "{\"name\": \"typo\", \"owner\": \"team-b\", \"plan\": \"glod\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(r.body()).getString("detail"))
                .isEqualTo("plan 'glod' is not one of rate-limits.plans; defined: free, gold");

        StringWriter err = new StringWriter();
        int exit = new CommandLine(new RampartCommand()).setOut(new PrintWriter(new StringWriter()))
                .setErr(new PrintWriter(err)).execute("keys", "create", "--config", gw.configFile.toString(),
                        "--name", "typo", "--owner", "team-b", "--plan", "glod");
        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("plan 'glod' is not one of rate-limits.plans");
    }

    private static JsonObject create(String json) throws Exception {
        HttpResponse<String> r = post("/admin/api-keys", json);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return new JsonObject(r.body());
    }

    private static HttpResponse<String> post(String path, String json) throws Exception {
        return gw.send(HttpRequest.newBuilder(URI.create(gw.admin() + path))
                .header("Authorization", "Bearer " + gw.adminToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }
}
