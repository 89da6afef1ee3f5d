package dev.rampart.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.gateway.cli.RampartCommand;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Data-subject requests through a real gateway: a user with a console session, a failed login and
 * an API key that made requests is exported, then erased — the user, session and key are gone, the
 * audit entries naming them are unreadable, the erasure is itself audited, and the log still
 * verifies. Also the CLI commands, and retention applied on its schedule.
 */
class SubjectRequestsIntegrationTest {

    private static final String PASSWORD = "correct horse battery staple 42";

    @TempDir
    static Path dir;

    static TestUpstream upstream;
    static GatewayHarness gw;

    @BeforeAll
    static void start() throws Exception {
        upstream = new TestUpstream("subjects");
        gw = GatewayHarness.start(dir, """
                audit:
                  checkpoint-interval: 1s
                  retention-check-interval: 1s
                  retention: {admin.auth.failed: 1s}
                users:
                  quick-login-check: 0s
                policy:
                  roles:
                    reader: {permissions: ["orders:read"]}
                routes:
                  - id: api
                    match: {path-prefix: /api}
                    upstream: {urls: [%s]}
                    authentication:
                      api-key: {}
                    permissions: ["orders:read"]
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

    private static JsonObject createUser(String name) throws Exception {
        HttpResponse<String> r = gw.withToken("POST", "/admin/users", new JsonObject().put("username", name)
                .put("email", name + "@example.com").put("roles", new JsonArray().add("viewer")).put("password", PASSWORD).encode());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return new JsonObject(r.body());
    }

    /** Polls an admin endpoint until its JSON satisfies {@code done} (events reach the log asynchronously). */
    private static JsonObject awaitAdmin(String path, Predicate<JsonObject> done) throws Exception {
        JsonObject last = null;
        for (int i = 0; i < 200; i++) {
            HttpResponse<String> r = gw.adminGet(path);
            assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
            last = new JsonObject(r.body());
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(path + " never satisfied the condition; last answer " + last);
    }

    private static List<String> storedPrincipals(String eventType) throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection c = gw.gateway.store().dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT principal FROM audit_entries WHERE event_type = ?")) {
            s.setString(1, eventType);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    found.add(r.getString(1));
                }
            }
        }
        return found;
    }

    private static int cli(StringWriter out, StringWriter err, String... args) {
        return new CommandLine(new RampartCommand()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
    }

    @Test
    void exportsEverythingAboutASubjectThenErasesItAndTheLogStillVerifies() throws Exception {
        JsonObject alice = createUser("Alice");
        assertThat(gw.login("Alice", PASSWORD, null).status()).isEqualTo(200);
        assertThat(gw.login("alice", "not the password", null).status()).isEqualTo(401);
        HttpResponse<String> created = gw.withToken("POST", "/admin/api-keys", "{\"name\": \"alice-cli\", \"owner\": \"Alice\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String key = new JsonObject(created.body()).getString("key");
        String keyId = new JsonObject(created.body()).getString("id");
        HttpResponse<String> other = gw.withToken("POST", "/admin/api-keys", "{\"name\": \"batch\", \"owner\": \"team-b\"}");
        String otherKey = new JsonObject(other.body()).getString("key");
        String otherId = new JsonObject(other.body()).getString("id");
        // keys without the reader role: denied after authentication, so audited with the key id as principal
        assertThat(gw.get("/api/orders", "X-API-Key", key).statusCode()).isEqualTo(403);
        assertThat(gw.get("/api/orders", "X-API-Key", otherKey).statusCode()).isEqualTo(403);
        awaitAdmin("/admin/audit/entries?principal=" + keyId, j -> !j.getJsonArray("entries").isEmpty());

        // stored encrypted: neither the key id nor the user id is in the principal column
        assertThat(storedPrincipals("request.denied")).isNotEmpty().allMatch(p -> p.startsWith("subj:"));

        HttpResponse<String> exported = gw.adminGet("/admin/subjects/Alice/export");
        assertThat(exported.statusCode()).as(exported.body()).isEqualTo(200);
        JsonObject doc = new JsonObject(exported.body());
        assertThat(doc.getJsonObject("user").getString("id")).isEqualTo(alice.getString("id"));
        assertThat(exported.body()).doesNotContain("password_hash").doesNotContain("totp_secret").doesNotContain(key);
        assertThat(doc.getJsonArray("console_sessions")).hasSize(1);
        assertThat(doc.getJsonArray("incidents")).isEmpty(); // detection is off in this gateway: none opened
        assertThat(doc.getJsonArray("api_keys")).extracting(k -> ((JsonObject) k).getString("id")).containsExactly(keyId);
        JsonArray entries = doc.getJsonObject("audit").getJsonArray("entries");
        List<JsonObject> list = new ArrayList<>();
        entries.forEach(e -> list.add((JsonObject) e));
        assertThat(list).anyMatch(e -> keyId.equals(e.getString("principal")) && "request.denied".equals(e.getString("event_type")));
        assertThat(list).anyMatch(e -> "alice".equals(e.getJsonObject("details").getString("account")));
        assertThat(list).anyMatch(e -> alice.getString("id").equals(e.getString("principal")));
        assertThat(list).noneMatch(e -> otherId.equals(e.getString("principal")));

        HttpResponse<String> unconfirmed = gw.withToken("POST", "/admin/subjects/Alice/erase", "{\"confirm\": \"Bob\"}");
        assertThat(unconfirmed.statusCode()).isEqualTo(400);
        assertThat(unconfirmed.body()).contains("cannot be undone");
        HttpResponse<String> erased = gw.withToken("POST", "/admin/subjects/Alice/erase", "{\"confirm\": \"Alice\"}");
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        JsonObject answer = new JsonObject(erased.body());
        assertThat(answer.getBoolean("user_deleted")).isTrue();
        assertThat(answer.getInteger("api_keys_deleted")).isEqualTo(1);
        assertThat(answer.getInteger("console_sessions_ended")).isEqualTo(1);
        assertThat(answer.getInteger("audit_keys_destroyed")).isGreaterThanOrEqualTo(3); // user id, account name, key id
        assertThat(answer.getJsonObject("incidents_redacted").getInteger("incidents")).isZero();


        JsonObject after = new JsonObject(gw.adminGet("/admin/subjects/Alice/export").body());
        assertThat(after.getValue("user")).isNull();
        assertThat(after.getJsonArray("api_keys")).isEmpty();
        assertThat(after.getJsonArray("console_sessions")).isEmpty();
        assertThat(after.getJsonObject("audit").getJsonArray("entries")).isEmpty();
        assertThat(after.getJsonObject("audit").getJsonObject("erased_at").getString("Alice")).isNotNull();

        // the entries are still there, unreadable; other subjects' entries are untouched
        JsonObject all = awaitAdmin("/admin/audit/entries?limit=10000",
                j -> j.getJsonArray("entries").stream().anyMatch(e -> "privacy.subject-erased".equals(((JsonObject) e).getString("event_type"))));
        String allText = all.encode();
        assertThat(allText).doesNotContain(keyId).doesNotContain(alice.getString("id")).doesNotContain("\"alice\"")
                .contains("[erased subject]").contains(otherId);
        JsonObject record = all.getJsonArray("entries").stream().map(e -> (JsonObject) e)
                .filter(e -> "privacy.subject-erased".equals(e.getString("event_type"))).findFirst().orElseThrow();
        assertThat(record.getString("principal")).isEqualTo("admin");
        assertThat(record.getJsonObject("details").getString("subject_hash")).matches("[0-9a-f]{64}");
        assertThat(record.getJsonObject("details").getString("owned_keys_deleted")).isEqualTo("1");

        // gone: the key is unknown, the login fails (these new attempts are new entries, under new keys)
        assertThat(gw.get("/api/orders", "X-API-Key", key).statusCode()).isEqualTo(401);
        assertThat(gw.login("Alice", PASSWORD, null).status()).isEqualTo(401);

        HttpResponse<String> again = gw.withToken("POST", "/admin/subjects/Alice/erase", "{\"confirm\": \"Alice\"}");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(again.body()).getInteger("audit_keys_destroyed")).isZero();
        assertThat(new JsonObject(again.body()).getBoolean("user_deleted")).isFalse();

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(cli(out, err, "audit", "verify", "-c", gw.configFile.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("audit log verified: ");
    }

    @Test
    void cliExportsToAFileAndErasesOnlyWithConfirmation() throws Exception {
        JsonObject bob = createUser("bob");
        String config = gw.configFile.toString();
        Path file = dir.resolve("bob.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(cli(out, err, "subjects", "export", "bob", "--out", file.toString(), "-c", config)).as(err.toString()).isZero();
        JsonObject doc = new JsonObject(Files.readString(file));
        assertThat(doc.getJsonObject("user").getString("id")).isEqualTo(bob.getString("id"));

        assertThat(cli(out, err, "subjects", "erase", "bob", "-c", config)).isEqualTo(2);
        assertThat(err.toString()).contains("--yes");
        out = new StringWriter();
        assertThat(cli(out, err, "subjects", "erase", "bob", "--yes", "-c", config)).as(err.toString()).isZero();
        assertThat(new JsonObject(out.toString()).getBoolean("user_deleted")).isTrue();
        assertThat(gw.withToken("GET", "/admin/subjects/bob/export", null).body()).contains("\"user\":null");
        assertThat(new JsonObject(gw.adminGet("/admin/openapi.json").body()).getJsonObject("paths").fieldNames())
                .contains("/admin/subjects/{id}/export", "/admin/subjects/{id}/erase");
    }

    @Test
    void retentionRunsOnItsScheduleAndThePrunedLogStillVerifies() throws Exception {
        HttpResponse<String> r = gw.send(HttpRequest.newBuilder(URI.create(gw.admin() + "/admin/health"))
                .header("Authorization", "Bearer wrong-token").GET());
        assertThat(r.statusCode()).isEqualTo(401);
        // the entry keeps its type (and leaf hash) but loses its fields once older than 1s
        awaitAdmin("/admin/audit/entries?event_type=admin.auth.failed", j -> !j.getJsonArray("entries").isEmpty()
                && j.getJsonArray("entries").stream().allMatch(e -> ((JsonObject) e).getValue("result") == null));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(cli(out, err, "audit", "verify", "-c", gw.configFile.toString())).as(err.toString()).isZero();
    }
}
