package dev.rampart.bench;

import dev.rampart.waf.operator.MatchContext;
import dev.rampart.waf.operator.Operator;
import dev.rampart.waf.operator.Operators;
import dev.rampart.waf.transform.ByteText;
import dev.rampart.waf.transform.Transformation;
import dev.rampart.waf.transform.Transformations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The raw cost the WAF prefilter and rule selection must beat: every {@code @rx} of CRS v4.28.0
 * (read from {@code ../shared/crs-v4.28.0/rules}), run one after another on one benign value,
 * without any prefilter or paranoia-level gating. A short argument ({@code john.doe@example.com}),
 * and a 2 KB JSON body; plus the commonest CRS transformation chain on the JSON body.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class CrsRegexBenchmark {

    // The quoted @rx operator of a rule; the possessive '*+' keeps java.util.regex from recursing
    // once per character of a long pattern.
    private static final Pattern RX_OPERATOR = Pattern.compile("\"!?@rx ((?:[^\"\\\\]|\\\\.)*+)\"");

    private static final MatchContext NO_CAPTURE = new MatchContext() {
        @Override
        public String expandMacros(String text) {
            return text;
        }

        @Override
        public boolean capturing() {
            return false;
        }

        @Override
        public void capture(int index, String value) {
            throw new IllegalStateException("capture without the capture action");
        }
    };

    private List<Operator> regexes;
    private String shortArgument;
    private String jsonBody;
    private Transformation[] chain;

    @Setup
    public void setUp() throws IOException {
        Path rules = crsRules();
        regexes = new ArrayList<>();
        try (Stream<Path> files = Files.list(rules)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".conf")).sorted().toList()) {
                Matcher m = RX_OPERATOR.matcher(Files.readString(file, StandardCharsets.ISO_8859_1));
                while (m.find()) {
                    String pattern = m.group(1).replace("\\\"", "\"");
                    if (!pattern.contains("%{")) {
                        regexes.add(Operators.create("rx", pattern, rules));
                    }
                }
            }
        }
        shortArgument = ByteText.ofUtf8("john.doe@example.com");
        StringBuilder json = new StringBuilder("{\"items\":[");
        for (int i = 0; json.length() < 2000; i++) {
            json.append(i == 0 ? "" : ",").append("{\"id\":").append(i)
                    .append(",\"name\":\"Widget ").append(i).append("\",\"note\":\"It's a plain, everyday item\"}");
        }
        jsonBody = ByteText.ofUtf8(json.append("]}").toString());
        chain = new Transformation[] {Transformations.named("utf8toUnicode"), Transformations.named("urlDecodeUni"),
            Transformations.named("htmlEntityDecode"), Transformations.named("jsDecode"),
            Transformations.named("cssDecode"), Transformations.named("removeNulls")};
    }

    @Benchmark
    public int allCrsRegexesOnShortArgument() {
        return runAll(shortArgument);
    }

    @Benchmark
    public int allCrsRegexesOnJsonBody() {
        return runAll(jsonBody);
    }

    @Benchmark
    public String xssTransformationChainOnJsonBody() {
        String value = jsonBody;
        for (Transformation t : chain) {
            value = t.apply(value);
        }
        return value;
    }

    private int runAll(String value) {
        int hits = 0;
        for (Operator rx : regexes) {
            if (rx.matches(value, NO_CAPTURE)) {
                hits++;
            }
        }
        return hits;
    }

    private static Path crsRules() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path rules = dir.resolve("shared/crs-v4.28.0/rules");
            if (Files.isDirectory(rules)) {
                return rules;
            }
        }
        throw new IllegalStateException("CRS v4.28.0 not found: run from the repository, with ../shared/crs-v4.28.0 beside it");
    }
}
