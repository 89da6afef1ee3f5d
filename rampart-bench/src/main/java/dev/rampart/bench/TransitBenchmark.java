package dev.rampart.bench;

import dev.rampart.core.EventBus;
import dev.rampart.core.Principal;
import dev.rampart.core.SecurityEvent;
import dev.rampart.core.config.StoreConfig;
import dev.rampart.core.event.BoundedEventBus;
import dev.rampart.crypto.Crypto;
import dev.rampart.crypto.KeyOptions;
import dev.rampart.crypto.KeyType;
import dev.rampart.crypto.MasterKeySource;
import dev.rampart.crypto.Transit;
import dev.rampart.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Transit encrypt and decrypt of 1 KiB with associated data under an aes256-gcm key, in process,
 * one thread: everything a call does — authorization, cached key lookup, AES-GCM, the
 * {@code rampart:v<N>:} base64 text, SHA-256 of the input for the audit event, and the event.
 * {@code events=discard} hands events to a bus that drops them (the transit cost alone);
 * {@code events=bounded} to the gateway's bounded bus in drop mode, whose delivery thread then
 * competes for the same cores. Target: 200k ops/s per core.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class TransitBenchmark {

    @Param({"discard", "bounded"})
    public String events;

    private static final Principal CALLER = new Principal("bench", Principal.Type.SERVICE, "bench", Set.of(), Set.of(), Map.of());
    private Path dir;
    private Store store;
    private BoundedEventBus bounded;
    private Transit transit;
    private byte[] plaintext;
    private byte[] associatedData;
    private String ciphertext;

    @Setup
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("rampart-transit-bench");
        store = Store.open(new StoreConfig(StoreConfig.Kind.sqlite, "data", null, null, null, null), dir);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        EventBus bus;
        if ("bounded".equals(events)) {
            bounded = new BoundedEventBus(65536, BoundedEventBus.OverflowPolicy.DROP);
            bounded.subscribe(event -> { });
            bus = bounded;
        } else {
            bus = new DiscardingBus();
        }
        Crypto crypto = Crypto.open(store, new MasterKeySource.KeyBytes(key), bus, (principal, permission) -> true,
                Clock.systemUTC());
        transit = crypto.transit();
        transit.create(CALLER, "bench", KeyType.AES256_GCM, KeyOptions.none());
        plaintext = new byte[1024];
        new SecureRandom().nextBytes(plaintext);
        associatedData = "order-42".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ciphertext = transit.encrypt(CALLER, "bench", plaintext, associatedData);
    }

    @TearDown
    public void tearDown() throws Exception {
        if (bounded != null) {
            bounded.close();
        }
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public String encrypt1KiB() {
        return transit.encrypt(CALLER, "bench", plaintext, associatedData);
    }

    @Benchmark
    public byte[] decrypt1KiB() {
        return transit.decrypt(CALLER, "bench", ciphertext, associatedData);
    }

    /** A bus that drops every event: the transit cost without delivery. */
    private static final class DiscardingBus implements EventBus {
        private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

        @Override
        public CompletionStage<Void> publish(SecurityEvent event) {
            return DONE;
        }

        @Override
        public void subscribe(Listener listener) {
            throw new UnsupportedOperationException("the benchmark bus has no consumers");
        }

        @Override
        public long droppedCount() {
            return 0;
        }

        @Override
        public int queuedCount() {
            return 0;
        }
    }
}
