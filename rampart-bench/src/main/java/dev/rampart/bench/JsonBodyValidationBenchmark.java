package dev.rampart.bench;

import dev.rampart.core.config.JsonLimitsConfig;
import dev.rampart.validation.RequestBodyCheck;
import dev.rampart.validation.RequestValidator;
import dev.rampart.validation.ValidationOptions;
import dev.rampart.validation.ValidationRequest;
import dev.rampart.validation.ValidationResult;
import dev.rampart.validation.body.JsonBodyReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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
 * Validation of a 2 KB JSON request body (POST /v1/orders of the sample orders API in
 * rampart-validation's test resources: nested customer, 12 line items, enums, formats, patterns,
 * ranges) — target under 20 µs. {@code validate} is the whole request check (route match,
 * parameters, media type, JSON limits while parsing, schema); {@code validateStrict} adds strict
 * properties; {@code parseWithLimits} is the parse and tree build alone, to subtract.
 *
 * <p>The gateway checks a body while it arrives ({@code RequestBodyCheck}): {@code validateStreamed}
 * is that path for the same body (operation lookup, the non-blocking parse with the limits building
 * the tree as the bytes come, schema on it at the end). Whether to build the tree while streaming or
 * to stream with the limits only and parse the buffered bytes again for the schema is decided by
 * {@code parseWithLimitsFed} (non-blocking, tree) against {@code checkLimitsFed} (non-blocking, no
 * tree) plus {@code parseWithLimits} (blocking, tree).
 *
 * <p>The document is read from the repository ({@code bench/jmh.sh} runs from its root).
 *
 * <p>On a machine whose cores are shared, wall-clock scores swing by an order of magnitude;
 * {@link #main} prints the CPU time per operation of the same methods instead:
 * {@code java -cp rampart-bench/target/benchmarks.jar dev.rampart.bench.JsonBodyValidationBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class JsonBodyValidationBenchmark {

    private RequestValidator validator;
    private RequestValidator strict;
    private ValidationRequest request;
    private ValidationRequest head;
    private byte[] body;
    private JsonLimitsConfig limits;

    @Setup
    public void setUp() {
        Path document = findDocument();
        validator = RequestValidator.forOpenApi(document, ValidationOptions.defaults());
        strict = RequestValidator.forOpenApi(document, ValidationOptions.defaults().withStrictProperties(true));
        body = orderOf2Kb().getBytes(StandardCharsets.UTF_8);
        request = ValidationRequest.builder("POST", "/v1/orders").header("X-Tenant", "acme-eu")
                .header("Content-Type", "application/json").header("Idempotency-Key", "6f1c1a52-3b5e-4c49-9d3e-2d8f7f0b6a11")
                .body(body).build();
        head = ValidationRequest.builder("POST", "/v1/orders").header("X-Tenant", "acme-eu")
                .header("Content-Type", "application/json").header("Idempotency-Key", "6f1c1a52-3b5e-4c49-9d3e-2d8f7f0b6a11")
                .build();
        limits = JsonLimitsConfig.defaults();
        if (!validateStreamed().isValid()) {
            throw new IllegalStateException("the benchmark body must be valid when streamed: " + validateStreamed().violations());
        }
        for (RequestValidator v : new RequestValidator[] {validator, strict}) {
            ValidationResult result = v.validate(request);
            if (!result.isValid()) {
                throw new IllegalStateException("the benchmark body must be valid: " + result.violations());
            }
        }
    }

    /** Thread CPU time per operation, 8 rounds of 20,000 calls each; the last rounds are the warm ones. */
    public static void main(String[] args) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        JsonBodyValidationBenchmark b = new JsonBodyValidationBenchmark();
        b.setUp();
        int n = 20_000;
        for (int round = 0; round < 8; round++) {
            long t0 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                b.parseWithLimits();
            }
            long t1 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                b.validate();
            }
            long t2 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                b.validateStrict();
            }
            long t3 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                b.validateStreamed();
            }
            long t4 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                b.parseWithLimitsFed();
            }
            long t5 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                b.checkLimitsFed();
            }
            long t6 = threads.getCurrentThreadCpuTime();
            System.out.printf("CPU µs/op: parseWithLimits %.1f, validate %.1f, validateStrict %.1f, validateStreamed %.1f, "
                    + "parseWithLimitsFed %.1f, checkLimitsFed %.1f%n",
                    (t1 - t0) / 1e3 / n, (t2 - t1) / 1e3 / n, (t3 - t2) / 1e3 / n, (t4 - t3) / 1e3 / n,
                    (t5 - t4) / 1e3 / n, (t6 - t5) / 1e3 / n);
        }
    }

    @Benchmark
    public ValidationResult validate() {
        return validator.validate(request);
    }

    @Benchmark
    public ValidationResult validateStrict() {
        return strict.validate(request);
    }

    @Benchmark
    public Object parseWithLimits() {
        return JsonBodyReader.read(limits, body, true).tree();
    }

    @Benchmark
    public ValidationResult validateStreamed() {
        RequestBodyCheck check = validator.bodyCheck(head);
        ValidationResult refused = check.feed(body, 0, body.length);
        return refused != null ? refused : check.finish();
    }

    @Benchmark
    public Object parseWithLimitsFed() {
        JsonBodyReader reader = new JsonBodyReader(limits, true);
        reader.feed(body, 0, body.length);
        reader.finish();
        return reader.tree();
    }

    @Benchmark
    public Object checkLimitsFed() {
        JsonBodyReader reader = new JsonBodyReader(limits, false);
        reader.feed(body, 0, body.length);
        return reader.finish();
    }

    /** A valid order of 2,048 bytes or a little more: metadata entries fill it up. */
    private static String orderOf2Kb() {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            items.append(i == 0 ? "" : ",").append("{\"sku\":\"SKU-").append(1000 + i)
                    .append("\",\"quantity\":").append(i + 1).append(",\"unitPrice\":").append(10 + i).append(".99}");
        }
        String head = "{\"customer\":{\"email\":\"ada.lovelace@example.com\",\"name\":\"Ada Lovelace\","
                + "\"address\":{\"street\":\"12 Analytical Engine Road\",\"city\":\"London\",\"country\":\"GB\"}},"
                + "\"items\":[" + items + "],\"note\":\"Please deliver to the back door; ring twice.\","
                + "\"shipping\":\"express\",\"deliverOn\":\"2026-12-01\",\"metadata\":{\"channel\":\"web\"";
        StringBuilder json = new StringBuilder(head);
        for (int i = 0; json.length() < 2046; i++) {
            json.append(",\"tag").append(i).append("\":\"campaign-winter-sale-newsletter\"");
        }
        return json.append("}}").toString();
    }

    private static Path findDocument() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("rampart-validation/src/test/resources/orders-openapi.yaml");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("orders-openapi.yaml not found above " + Path.of("").toAbsolutePath()
                + "; run the benchmarks from the repository (bench/jmh.sh does)");
    }
}
