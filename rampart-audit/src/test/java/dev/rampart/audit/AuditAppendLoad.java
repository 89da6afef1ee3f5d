package dev.rampart.audit;

import dev.rampart.audit.AuditLog.WriteFailurePolicy;
import dev.rampart.core.config.StoreConfig;
import dev.rampart.core.config.StoreConfig.Kind;
import dev.rampart.store.Store;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * The child process of {@link AuditCrashTest}: appends from four threads until killed, printing
 * {@code ack <seq> <request id>} for every acknowledged entry (the parent kills it with SIGKILL).
 */
public final class AuditAppendLoad {

    private AuditAppendLoad() {}

    public static void main(String[] args) throws InterruptedException {
        Path dir = Path.of(args[0]);
        Store store = Store.open(new StoreConfig(Kind.sqlite, "data", null, null, null, null), dir);
        AuditLog log = AuditLog.open(store, new AuditLog.Options(AuditPrivacy.defaults(),
                CheckpointSigner.fromKeyFile(dir.resolve("audit-key.jwk")), Duration.ofMillis(50),
                WriteFailurePolicy.REFUSE, null, 1024), Clock.systemUTC(), event -> { });
        PrintStream out = System.out;
        Semaphore inFlight = new Semaphore(2000);
        for (int t = 0; t < 4; t++) {
            int thread = t;
            Thread appender = new Thread(() -> {
                for (long i = 0; ; i++) {
                    inFlight.acquireUninterruptibly();
                    String requestId = "t" + thread + "-" + i;
                    log.append(AuditEntry.of(Instant.now(), "request.allowed", "load", "127.0.0.1", "bench", "GET /",
                            "allowed", requestId, Map.of("n", Long.toString(i)))).whenComplete((seq, error) -> {
                                inFlight.release();
                                if (error == null) {
                                    out.println("ack " + seq + " " + requestId);
                                }
                            });
                }
            });
            appender.start();
        }
        out.println("started");
        out.flush();
        Thread.currentThread().join();
    }
}
