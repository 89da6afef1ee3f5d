package dev.rampart.bench;

import dev.rampart.waf.detect.InjectionDetector;
import dev.rampart.waf.detect.SqlInjectionDetector;
import dev.rampart.waf.detect.XssDetector;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rampart's {@code @detectSQLi} and {@code @detectXSS} detectors on benign values, the common
 * case that every request pays for: a 200-byte JSON document sent as one argument (quotes,
 * apostrophes, SQL words) and 2 KB of prose with apostrophes, quotes, SQL words, a {@code <b>} tag
 * and an {@code =}, so that every SQL quoting context and HTML context is read.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class DetectorsBenchmark {

    static final String JSON_200B = "{\"customer\":\"Seán O'Connor\",\"note\":\"It's for my mum's birthday -- "
            + "please select blue or green, and drop it off from 5pm\",\"qty\":2,\"tags\":[\"gift\",\"union\"],"
            + "\"active\":true,\"ref\":\"INV-2024-0042-B\",\"n\":10}";

    static final String PROSE_2KB = prose();

    private final InjectionDetector sql = new SqlInjectionDetector();
    private final InjectionDetector xss = new XssDetector();

    private static String prose() {
        String paragraph = "I've been a customer for years and I'd say the service is usually great, but last "
                + "week's delivery was a mess. The driver couldn't find the address -- he said the map showed it "
                + "\"from the other side\" of the union building -- so he left it at the depot. When I called, they "
                + "told me to select a new slot or drop by in person between 9 and 5 (and that 3 < 4 slots were "
                + "free). I don't mind, and I'm <b>not</b> asking for much: a voucher (code=SAVE10) would be fine. ";
        StringBuilder text = new StringBuilder(2048);
        while (text.length() < 2048) {
            text.append(paragraph);
        }
        return text.substring(0, 2048);
    }

    @Benchmark
    public Optional<String> sqliJson200B() {
        return sql.detect(JSON_200B);
    }

    @Benchmark
    public Optional<String> sqliProse2KB() {
        return sql.detect(PROSE_2KB);
    }

    @Benchmark
    public Optional<String> xssJson200B() {
        return xss.detect(JSON_200B);
    }

    @Benchmark
    public Optional<String> xssProse2KB() {
        return xss.detect(PROSE_2KB);
    }
}
