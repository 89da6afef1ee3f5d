package dev.rampart.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.audit.MerkleProofs;
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
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The audit log through a real gateway: security events become entries, checkpoints are signed,
 * proofs served by the admin API verify against them, the CLI verifies and exports the log, and
 * under on-write-failure: refuse a log that cannot be written fails requests closed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditIntegrationTest {

    @TempDir
    static Path dir;

    static TestUpstream upstream;
    static GatewayHarness gw;

    @BeforeAll
    static void start() throws Exception {
        upstream = new TestUpstream("audited");
        gw = GatewayHarness.start(dir, """
                audit:
                  checkpoint-interval: 1s
                  pseudonymise: [client-ip]
                  sinks:
                    file: {path: ./audit.jsonl}
                routes:
                  - id: open
                    match: {path-prefix: /open}
                    upstream: {urls: [%s]}
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

    private static void failAdminLogin() throws Exception {
        HttpResponse<String> r = gw.send(HttpRequest.newBuilder(URI.create(gw.admin() + "/admin/health"))
                .header("Authorization", "Bearer wrong-token").GET());
        assertThat(r.statusCode()).isEqualTo(401);
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

    @Test
    @Order(1)
    void securityEventsBecomeSearchableEntriesWithPseudonymisedAddresses() throws Exception {
        failAdminLogin();
        JsonObject found = awaitAdmin("/admin/audit/entries?event_type=admin.auth.failed&client_ip=127.0.0.1",
                j -> !j.getJsonArray("entries").isEmpty());
        JsonObject entry = found.getJsonArray("entries").getJsonObject(0);
        assertThat(entry.getString("client_ip")).startsWith("hmac:");
        assertThat(entry.getString("result")).isEqualTo("invalid-credential");
        assertThat(entry.getJsonObject("details").getString("source")).isEqualTo("admin");
        // sinks get an entry just after its commit, so the file may trail the query by a moment
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        Path sink = dir.resolve("audit.jsonl");
        while (!(Files.exists(sink) && Files.readString(sink).contains("\"event_type\":\"admin.auth.failed\""))
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(Files.readString(sink)).contains("\"event_type\":\"admin.auth.failed\"");
    }

    @Test
    @Order(2)
    void proofsFromTheAdminApiVerifyAgainstSignedCheckpoints() throws Exception {
        failAdminLogin();
        JsonObject first = awaitAdmin("/admin/audit/checkpoints", j -> !j.getJsonArray("checkpoints").isEmpty())
                .getJsonArray("checkpoints").getJsonObject(0);
        failAdminLogin();
        long firstSize = first.getLong("tree_size");
        JsonArray checkpoints = awaitAdmin("/admin/audit/checkpoints", j -> j.getJsonArray("checkpoints").size() > 1)
                .getJsonArray("checkpoints");
        JsonObject second = checkpoints.getJsonObject(checkpoints.size() - 1);
        long size = second.getLong("tree_size");

        JsonObject inclusion = new JsonObject(gw.adminGet("/admin/audit/proofs/inclusion?seq=0&tree_size=" + size).body());
        MerkleProofs.verifyInclusion(0, size, b64(inclusion.getString("leaf_hash")), hashes(inclusion.getJsonArray("path")),
                b64(second.getString("root_hash")));
        JsonObject consistency = new JsonObject(gw.adminGet("/admin/audit/proofs/consistency?from=" + firstSize + "&to=" + size).body());
        MerkleProofs.verifyConsistency(firstSize, size, hashes(consistency.getJsonArray("path")),
                b64(first.getString("root_hash")), b64(second.getString("root_hash")));

        HttpResponse<String> outside = gw.adminGet("/admin/audit/proofs/inclusion?seq=" + (size + 1000));
        assertThat(outside.statusCode()).isEqualTo(400);
        assertThat(outside.body()).contains("is outside the tree");
    }

    @Test
    @Order(3)
    void cliVerifiesAndExportsTheLog() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String config = dir.resolve("rampart.yaml").toString();
        int code = new CommandLine(new RampartCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("audit", "verify", "-c", config);
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("audit log verified: ");

        StringWriter exported = new StringWriter();
        code = new CommandLine(new RampartCommand()).setOut(new PrintWriter(exported)).setErr(new PrintWriter(err))
                .execute("audit", "export", "-c", config, "--event-type", "admin.auth.failed", "--client-ip", "127.0.0.1");
        assertThat(code).as(err.toString()).isZero();
        assertThat(exported.toString().lines().count()).isGreaterThanOrEqualTo(3);
    }

    @Test
    @Order(4)
    void refusesRequestsWhileTheLogCannotBeWritten() throws Exception {
        assertThat(gw.get("/open/x").statusCode()).isEqualTo(200);
        sql("ALTER TABLE audit_entries RENAME TO audit_entries_away");
        try {
            failAdminLogin();
            HttpResponse<String> refused = null;
            for (int i = 0; i < 200 && (refused == null || refused.statusCode() != 503); i++) {
                Thread.sleep(50);
                refused = gw.get("/open/x");
            }
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.body()).contains("audit-unavailable");
        } finally {
            sql("ALTER TABLE audit_entries_away RENAME TO audit_entries");
        }
        failAdminLogin();
        int status = 0;
        for (int i = 0; i < 200 && status != 200; i++) {
            Thread.sleep(50);
            status = gw.get("/open/x").statusCode();
        }
        assertThat(status).isEqualTo(200);
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = gw.gateway.store().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static byte[] b64(String s) {
        return Base64.getDecoder().decode(s);
    }

    private static List<byte[]> hashes(JsonArray array) {
        List<byte[]> list = new ArrayList<>();
        array.forEach(h -> list.add(b64((String) h)));
        return list;
    }
}
