package dev.rampart.bench;

import com.nimbusds.jose.jwk.OctetKeyPair;
import dev.rampart.audit.AuditEntry;
import dev.rampart.audit.AuditLog;
import dev.rampart.audit.AuditPrivacy;
import dev.rampart.audit.AuditVerifier;
import dev.rampart.audit.CheckpointSigner;
import dev.rampart.core.config.StoreConfig;
import dev.rampart.crypto.ArtifactSigning;
import dev.rampart.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The audit log on the embedded store (SQLite file in a temporary directory).
 * {@code append}: entries of a typical request decision (seven fields, three details) appended
 * 1,000 at a time without waiting between them, then waiting for the last acknowledgement — the
 * appends/s that group commit sustains (target: at least 50k/s); {@code -p subjects=none} measures it
 * without the per-subject encryption of the principal (100 principals, so their keys are cached). {@code verifyLog}: one full
 * {@code rampart audit verify} of a log of {@code entries} entries with a checkpoint at the end —
 * read, re-serialise and re-hash every entry, rebuild the tree, check the signature (target for
 * 1M: under 10 s).
 */
@Fork(1)
public class AuditLogBenchmark {

    static final int BURST = 1_000;

    static AuditEntry entry(long i) {
        return AuditEntry.of(Instant.now(), "request.allowed", "svc-" + (i % 100), "203.0.113." + (i % 250), "orders",
                "GET /orders/" + i, "allowed", "req-" + i, Map.of("guard", "policy", "rule", "orders-read", "latency_ms", "3"));
    }

    /** An open log on a fresh store. */
    @State(Scope.Benchmark)
    public static class OpenLog {
        /** {@code principal}: the principal encrypted per subject (the default); {@code none}: stored as given. */
        @Param({"principal", "none"})
        public String subjects;

        Path dir;
        Store store;
        AuditLog log;
        long next;

        @Setup
        public void open() throws Exception {
            dir = Files.createTempDirectory("audit-bench");
            store = Store.open(new StoreConfig(StoreConfig.Kind.sqlite, "data", null, null, null, null), dir);
            AuditPrivacy privacy = new AuditPrivacy(java.util.Set.of(), java.util.Set.of(),
                    subjects.equals("none") ? java.util.Set.of() : java.util.Set.of(subjects));
            log = AuditLog.open(store, new AuditLog.Options(privacy,
                    CheckpointSigner.fromKeyFile(dir.resolve("key.jwk")), Duration.ofMinutes(1),
                    AuditLog.WriteFailurePolicy.REFUSE, null, 4096), Clock.systemUTC(), e -> { });
        }

        @TearDown
        public void close() throws Exception {
            log.close();
            store.close();
            delete(dir);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 3, time = 2)
    @OperationsPerInvocation(BURST)
    public long append(OpenLog state) {
        CompletableFuture<Long> last = null;
        for (int i = 0; i < BURST; i++) {
            last = state.log.append(entry(state.next++));
        }
        return last.join();
    }

    /** A log of {@code entries} entries, written once per trial. */
    @State(Scope.Benchmark)
    public static class FilledLog {
        @Param({"1000000"})
        public int entries;

        Path dir;
        Store store;
        List<OctetKeyPair> trusted;

        @Setup
        public void fill() throws Exception {
            dir = Files.createTempDirectory("audit-bench-verify");
            store = Store.open(new StoreConfig(StoreConfig.Kind.sqlite, "data", null, null, null, null), dir);
            try (AuditLog log = AuditLog.open(store, new AuditLog.Options(AuditPrivacy.defaults(),
                    CheckpointSigner.fromKeyFile(dir.resolve("key.jwk")), Duration.ofHours(1),
                    AuditLog.WriteFailurePolicy.REFUSE, null, 8192), Clock.systemUTC(), e -> { })) {
                CompletableFuture<Long> last = null;
                for (int i = 0; i < entries; i++) {
                    last = log.append(entry(i));
                    if (i % 50_000 == 49_999) {
                        last.join(); // bound the queue
                    }
                }
                last.join();
            } // closing signs the checkpoint at the full size
            trusted = List.of(ArtifactSigning.readPrivateKey(dir.resolve("key.jwk")).toPublicJWK());
        }

        @TearDown
        public void close() throws Exception {
            store.close();
            delete(dir);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 0)
    @Measurement(iterations = 2)
    public AuditVerifier.Report verifyLog(FilledLog state) {
        AuditVerifier.Report report = AuditVerifier.verify(state.store, state.trusted, null);
        if (!report.verified() || report.treeSize() != state.entries || report.checkpointsChecked() != 1) {
            throw new IllegalStateException("the benchmark log does not verify: " + report);
        }
        return report;
    }

    static void delete(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
