package dev.rampart.bench;

import dev.rampart.waf.EngineMode;
import dev.rampart.waf.HttpRequest;
import dev.rampart.waf.Verdict;
import dev.rampart.waf.WafRules;
import dev.rampart.waf.WafSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * One whole request through the WAF: CRS v4.28.0 ({@code ../shared/crs-v4.28.0}, with
 * crs-setup.conf.example) at paranoia level 1, engine On, phases 1 and 2, as the gateway's waf
 * guard runs it, with the JSON body processor chosen from the Content-Type as in ModSecurity's
 * recommended configuration. Cases: a benign API GET with three arguments, a benign POST with a 2 KB JSON body
 *, and a SQL-injection GET
 * that CRS denies. {@code @Setup} checks each case gets the verdict it is named for.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@State(Scope.Benchmark)
public class WafRequestBenchmark {

    /** The request shapes measured. */
    public enum Shape { GET_3_ARGS, POST_JSON_2KB, GET_SQLI }

    @Param({"GET_3_ARGS", "POST_JSON_2KB", "GET_SQLI"})
    public Shape request;

    private WafRules crs;
    private HttpRequest httpRequest;

    @Setup
    public void setUp() {
        Path dir = crsDirectory();
        // The engine directives and JSON/XML body-processor rules of ModSecurity's recommended
        // configuration, which CRS expects in front of it.
        String configuration = String.join("\n",
                "SecRuleEngine On",
                "SecRequestBodyAccess On",
                "SecRequestBodyLimit 13107200",
                "SecRequestBodyNoFilesLimit 131072",
                "SecRule REQUEST_HEADERS:Content-Type \"@rx ^(?:application(?:/soap\\+|/)|text/)xml\" "
                        + "\"id:200000,phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=XML\"",
                "SecRule REQUEST_HEADERS:Content-Type \"@rx ^application/(?:[a-z0-9.-]+\\+)?json\" "
                        + "\"id:200001,phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=JSON\"",
                "Include \"" + dir.resolve("crs-setup.conf.example") + "\"",
                "Include \"" + dir.resolve("rules") + "/*.conf\"",
                "");
        crs = WafRules.parse(configuration, dir, WafSettings.defaults().withEngineMode(EngineMode.ON).withParanoiaLevel(1));
        httpRequest = requestFor(request);
        Verdict verdict = crs.newTransaction(httpRequest).processRequest();
        boolean shouldDeny = request == Shape.GET_SQLI;
        if (verdict.denied() != shouldDeny) {
            throw new IllegalStateException(request + " expected denied=" + shouldDeny + ", got " + verdict);
        }
    }

    @Benchmark
    public Verdict inspect() {
        return crs.newTransaction(httpRequest).processRequest();
    }

    /** The request of {@code shape}, with the headers a typical API client sends. */
    public static HttpRequest requestFor(Shape shape) {
        List<HttpRequest.Header> common = List.of(
                new HttpRequest.Header("Host", "api.example.com"),
                new HttpRequest.Header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppClient/2.4"),
                new HttpRequest.Header("Accept", "application/json"),
                new HttpRequest.Header("Accept-Encoding", "gzip, deflate"),
                new HttpRequest.Header("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl"));
        switch (shape) {
            case GET_3_ARGS:
                return new HttpRequest("GET", "/api/v1/products?category=books&page=2&sort=price_desc", "HTTP/1.1",
                        common, new byte[0], "192.0.2.10", 50412);
            case POST_JSON_2KB: {
                byte[] body = jsonBody(2000).getBytes(StandardCharsets.UTF_8);
                List<HttpRequest.Header> headers = new java.util.ArrayList<>(common);
                headers.add(new HttpRequest.Header("Content-Type", "application/json"));
                headers.add(new HttpRequest.Header("Content-Length", Integer.toString(body.length)));
                return new HttpRequest("POST", "/api/v1/orders", "HTTP/1.1", headers, body, "192.0.2.10", 50412);
            }
            case GET_SQLI:
                return new HttpRequest("GET", "/api/v1/products?category=books%27%20UNION%20SELECT%20password%20FROM%20users--&page=2",
                        "HTTP/1.1", common, new byte[0], "192.0.2.10", 50412);
            default:
                throw new IllegalArgumentException("shape " + shape);
        }
    }

    /** A realistic order document of at least {@code size} bytes: customer, address, line items with notes. */
    public static String jsonBody(int size) {
        StringBuilder json = new StringBuilder(size + 200).append("{\"customer\":{\"id\":\"c-20931\",\"name\":\"Jane O'Neill\",")
                .append("\"email\":\"jane.oneill@example.com\",\"address\":{\"street\":\"12 Market Street\",")
                .append("\"city\":\"Springfield\",\"zip\":\"62704\",\"country\":\"US\"}},\"currency\":\"USD\",\"items\":[");
        for (int i = 0; json.length() < size - 60; i++) {
            json.append(i == 0 ? "" : ",").append("{\"sku\":\"SKU-").append(1000 + i).append("\",\"title\":\"Paperback edition, volume ")
                    .append(i + 1).append("\",\"quantity\":").append(1 + i % 3).append(",\"price\":").append(12 + i).append(".99,")
                    .append("\"note\":\"Please wrap it; it's a gift for my sister.\"}");
        }
        return json.append("],\"coupon\":null,\"express\":true}").toString();
    }

    /** CRS v4.28.0 in {@code ../shared}, found from the working directory up. */
    static Path crsDirectory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path crs = dir.resolve("shared/crs-v4.28.0");
            if (Files.isDirectory(crs.resolve("rules"))) {
                return crs;
            }
        }
        throw new IllegalStateException("CRS v4.28.0 not found: run from the repository, with ../shared/crs-v4.28.0 beside it");
    }
}
