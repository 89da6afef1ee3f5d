package dev.rampart.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.OctetKeyPair;
import dev.rampart.core.config.StoreConfig;
import dev.rampart.core.config.StoreConfig.Kind;
import dev.rampart.crypto.ArtifactSigning;
import dev.rampart.store.Store;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An acknowledged append survives the process being killed with SIGKILL in the middle of a load. */
class AuditCrashTest {

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedEntrySurvivesSigkillAndTheLogVerifies() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                AuditAppendLoad.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Map<Long, String> acknowledged = new HashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("ack ")) {
                    String[] parts = line.split(" ");
                    acknowledged.put(Long.parseLong(parts[1]), parts[2]);
                    if (acknowledged.size() == 20_000) {
                        // Kill while the writer is mid-stream: appends keep arriving and batches keep committing.
                        child.toHandle().destroyForcibly();
                    }
                }
            }
        } finally {
            child.toHandle().destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(20_000);

        try (Store store = Store.open(new StoreConfig(Kind.sqlite, "data", null, null, null, null), dir)) {
            Map<Long, String> stored = new HashMap<>();
            new AuditTables(store.dataSource()).forEachRow(0, row -> stored.put(row.stored().seq(), row.stored().entry().requestId()));
            acknowledged.forEach((seq, requestId) -> assertThat(stored.get(seq)).as("entry %d", seq).isEqualTo(requestId));
            List<OctetKeyPair> trusted = List.of(ArtifactSigning.readPrivateKey(dir.resolve("audit-key.jwk")).toPublicJWK());
            AuditVerifier.Report report = AuditVerifier.verify(store, trusted, null);
            assertThat(report.failure()).isNull();
            assertThat(report.treeSize()).isEqualTo(stored.size()).isGreaterThanOrEqualTo(acknowledged.size());
        }
    }
}
