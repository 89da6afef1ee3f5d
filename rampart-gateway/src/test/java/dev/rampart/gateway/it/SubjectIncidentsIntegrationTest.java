package dev.rampart.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.gateway.cli.RampartCommand;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Incidents and data subjects through a real gateway with detection on: failed console logins of
 * two accounts open brute-force-account incidents; the admin API and the CLI filter them; a subject
 * export carries its incident whole, and the erasure redacts every mention of the subject in it while
 * the other account's incident stays as it was.
 */
class SubjectIncidentsIntegrationTest {

    private static final String PASSWORD = "correct horse battery staple 42";

    @TempDir
    static Path dir;

    static GatewayHarness gw;

    @BeforeAll
    static void start() throws Exception {
        // brute-force-ip is off: its ban would refuse the test's own connections from 127.0.0.1;
        // login-after-failures too: every admin call after the failures would open one naming both accounts
        gw = GatewayHarness.start(dir, """
                users:
                  quick-login-check: 0s
                detection:
                  rules:
                    - {name: brute-force-ip, enabled: false}
                    - {name: login-after-failures, enabled: false}
                """, false);
    }

    @AfterAll
    static void stop() throws Exception {
        if (gw != null) {
            gw.close();
        }
    }

    private static JsonArray incidents(String query) throws Exception {
        HttpResponse<String> r = gw.adminGet("/admin/incidents?" + query);
        assertThat(r.statusCode()).as(query + ": " + r.body()).isEqualTo(200);
        return new JsonObject(r.body()).getJsonArray("incidents");
    }

    /** The one brute-force-account incident naming {@code account}; polls, the detector works on its own thread. */
    private static JsonObject awaitIncidentOf(String account) throws Exception {
        for (int i = 0; i < 300; i++) {
            JsonArray found = incidents("rule=brute-force-account&subject=" + account);
            if (!found.isEmpty()) {
                assertThat(found).hasSize(1);
                return found.getJsonObject(0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no brute-force-account incident for " + account);
    }

    private static int cli(StringWriter out, StringWriter err, String... args) {
        return new CommandLine(new RampartCommand()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
    }

    @Test
    void incidentsAreFilteredExportedWithTheSubjectAndRedactedByItsErasure() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        HttpResponse<String> created = gw.withToken("POST", "/admin/users", new JsonObject().put("username", "Carol")
                .put("email", "carol@example.com").put("roles", new JsonArray().add("viewer")).put("password", PASSWORD).encode());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        for (int i = 0; i < 5; i++) {
            assertThat(gw.login("Carol", "not the password " + i, null).status()).isEqualTo(401);
            assertThat(gw.login("dave", "not the password " + i, null).status()).isEqualTo(401);
        }
        JsonObject carols = awaitIncidentOf("carol");
        JsonObject daves = awaitIncidentOf("dave");

        // filters of GET /admin/incidents
        assertThat(incidents("rule=brute-force-account&severity=SEV-3&client_ip=127.0.0.1&opened_after="
                + before)).hasSize(2);
        assertThat(incidents("kind=brute-force-account&state=open")).hasSize(2);
        assertThat(incidents("client_ip=192.0.2.99")).isEmpty();
        assertThat(incidents("severity=SEV-1")).isEmpty();
        assertThat(incidents("opened_before=" + before)).isEmpty();
        assertThat(incidents("subject=caro")).isEmpty(); // whole tokens only
        HttpResponse<String> badSeverity = gw.adminGet("/admin/incidents?severity=SEV-9");
        assertThat(badSeverity.statusCode()).isEqualTo(400);
        assertThat(badSeverity.body()).contains("SEV-1, SEV-2, SEV-3 or SEV-4");
        HttpResponse<String> badTime = gw.adminGet("/admin/incidents?opened_after=yesterday");
        assertThat(badTime.statusCode()).isEqualTo(400);
        assertThat(badTime.body()).contains("opened_after must be an RFC 3339 UTC time");
        HttpResponse<String> reversed = gw.adminGet("/admin/incidents?opened_after=2026-02-01T00:00:00Z&opened_before=2026-01-01T00:00:00Z");
        assertThat(reversed.statusCode()).isEqualTo(400);
        assertThat(reversed.body()).contains("must be before");

        String carolsId = carols.getString("id");
        assertThat(gw.withToken("POST", "/admin/incidents/" + carolsId + "/notes",
                "{\"text\": \"carol@example.com says she forgot her password\", \"by\": \"ops\"}").statusCode()).isEqualTo(200);
        assertThat(gw.withToken("POST", "/admin/incidents/" + carolsId + "/ack", "{\"by\": \"carol\"}").statusCode()).isEqualTo(200);

        // the export carries the incident whole, and only the subject's
        JsonObject doc = new JsonObject(gw.adminGet("/admin/subjects/Carol/export").body());
        JsonArray exported = doc.getJsonArray("incidents");
        assertThat(exported).hasSize(1);
        JsonObject incident = exported.getJsonObject(0);
        assertThat(incident.getString("id")).isEqualTo(carolsId);
        assertThat(incident.getJsonObject("evidence").getString("group")).isEqualTo("carol");
        assertThat(incident.getJsonArray("timeline").stream().map(JsonObject.class::cast)
                .filter(t -> "event".equals(t.getString("entry"))).toList()).hasSize(5);
        assertThat(doc.getJsonArray("detection_learnt_values")).isEmpty();
        assertThat(doc.getJsonArray("login_lockouts")).singleElement().satisfies(l -> {
            assertThat(((JsonObject) l).getString("account")).isEqualTo("carol");
            assertThat(((JsonObject) l).getInteger("failures")).isEqualTo(5);
        });

        HttpResponse<String> erased = gw.withToken("POST", "/admin/subjects/Carol/erase", "{\"confirm\": \"Carol\"}");
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        assertThat(new JsonObject(erased.body()).getInteger("login_lockouts_deleted")).isEqualTo(1);
        JsonObject redacted = new JsonObject(erased.body()).getJsonObject("incidents_redacted");
        assertThat(redacted.getInteger("incidents")).isEqualTo(1);
        assertThat(redacted.getInteger("evidence_snapshots")).isEqualTo(1);
        assertThat(redacted.getInteger("timeline_events")).isEqualTo(5);
        assertThat(redacted.getInteger("notes")).isEqualTo(1);
        assertThat(redacted.getInteger("other_fields")).isGreaterThanOrEqualTo(3); // title, acknowledged_by, its state line

        String shown = gw.adminGet("/admin/incidents/" + carolsId).body();
        assertThat(shown).doesNotContain("carol").contains("[erased subject] says she forgot her password")
                .contains("\"acknowledged_by\":\"[erased subject]\"").contains("authentication.failed");
        assertThat(gw.adminGet("/admin/incidents/" + daves.getString("id")).body()).contains("\"group\":\"dave\"");
        assertThat(incidents("subject=carol")).isEmpty();
        JsonObject after = new JsonObject(gw.adminGet("/admin/subjects/Carol/export").body());
        assertThat(after.getJsonArray("incidents")).isEmpty();
        assertThat(after.getJsonArray("login_lockouts")).isEmpty();
        assertThat(new JsonObject(gw.adminGet("/admin/subjects/dave/export").body()).getJsonArray("login_lockouts")).hasSize(1);
        JsonObject again = new JsonObject(gw.withToken("POST", "/admin/subjects/Carol/erase", "{\"confirm\": \"Carol\"}").body());
        assertThat(again.getJsonObject("incidents_redacted").getInteger("incidents")).isZero();

        // the CLI's filters, on the same store
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String config = gw.configFile.toString();
        assertThat(cli(out, err, "incidents", "list", "--subject", "dave", "--severity", "sev-3", "--opened-after",
                before.toString(), "-c", config)).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith(daves.getString("id"));
        out = new StringWriter();
        assertThat(cli(out, err, "incidents", "list", "--client-ip", "127.0.0.1", "--rule", "brute-force-account",
                "-c", config)).as(err.toString()).isZero();
        assertThat(out.toString().lines()).hasSize(3);
        err = new StringWriter();
        assertThat(cli(new StringWriter(), err, "incidents", "list", "--severity", "urgent", "-c", config)).isNotZero();
        assertThat(err.toString()).contains("--severity: 'urgent' is not a severity");
    }
}
