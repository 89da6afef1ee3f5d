package dev.rampart.bench;

import dev.rampart.detect.pii.PiiFinding;
import dev.rampart.detect.pii.PiiMasker;
import dev.rampart.detect.pii.PiiScanner;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * rampart-detect's {@link PiiScanner} (every type, confidence medium) over a 64 KiB JSON API response
 * as the pii guard sees it: decode the UTF-8 bytes, scan; and the mask guard's whole work (decode,
 * scan, mask, encode). {@code clean}: 400 order records with ids, amounts, timestamps, UUIDs and
 * version strings and no sensitive value; {@code pii}: the same with an e-mail, a card number and a
 * phone number in every tenth record. Divide 64 KiB by the score for bytes per second.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class PiiScannerBenchmark {

    @Param({"clean", "pii"})
    public String body;

    private final PiiScanner scanner = PiiScanner.defaults();
    private byte[] bytes;

    @Setup
    public void setUp() {
        Random random = new Random(42);
        StringBuilder b = new StringBuilder("{\"orders\":[");
        int i = 0;
        while (b.length() < 64 * 1024 - 200) {
            if (i > 0) {
                b.append(',');
            }
            b.append("{\"id\":\"").append(new java.util.UUID(random.nextLong(), random.nextLong()))
                    .append("\",\"number\":\"ORD-").append(1_000_000 + random.nextInt(9_000_000))
                    .append("\",\"amount\":").append(random.nextInt(100_000) / 100.0)
                    .append(",\"created\":\"2026-11-").append(10 + random.nextInt(18)).append("T12:")
                    .append(10 + random.nextInt(49)).append(":00Z\",\"client\":\"app 4.18.2.1\"");
            if (body.equals("pii") && i % 10 == 0) {
                b.append(",\"email\":\"customer").append(i).append("@example.com\",\"card\":\"4111 1111 1111 1111\"")
                        .append(",\"phone\":\"+1 415-555-").append(1000 + i).append('"');
            }
            b.append('}');
            i++;
        }
        bytes = b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public List<PiiFinding> scan() {
        return scanner.scan(PiiScanner.decode(bytes, StandardCharsets.UTF_8).orElseThrow());
    }

    @Benchmark
    public byte[] scanAndMask() {
        String text = PiiScanner.decode(bytes, StandardCharsets.UTF_8).orElseThrow();
        List<PiiFinding> found = scanner.scan(text);
        return found.isEmpty() ? bytes : PiiMasker.mask(text, found, true).getBytes(StandardCharsets.UTF_8);
    }
}
