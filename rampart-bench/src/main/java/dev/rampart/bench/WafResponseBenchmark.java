package dev.rampart.bench;

import dev.rampart.waf.EngineMode;
import dev.rampart.waf.HttpRequest;
import dev.rampart.waf.HttpResponse;
import dev.rampart.waf.Transaction;
import dev.rampart.waf.Verdict;
import dev.rampart.waf.WafRules;
import dev.rampart.waf.WafSettings;
import java.nio.charset.StandardCharsets;
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
 * What blocking response inspection ({@code waf.inspect-responses}) adds to a request: CRS v4.28.0
 * ({@code ../shared/crs-v4.28.0}) at paranoia level 1, engine On, {@code SecResponseBodyAccess On}
 * with the gateway's default media types and limit. {@code requestOnly} runs phases 1 and 2 of the
 * benign API GET of {@link WafRequestBenchmark}; {@code requestAndResponse} runs them and then
 * phases 3 and 4 on the response, as the waf guard does on a held response. The difference is the
 * cost of the response phases. {@code @Setup} checks each response gets the verdict it is named for.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@State(Scope.Benchmark)
public class WafResponseBenchmark {

    /** The response shapes measured. */
    public enum Shape { HTML_16KB, JSON_64KB, HTML_SQL_ERROR }

    @Param({"HTML_16KB", "JSON_64KB", "HTML_SQL_ERROR"})
    public Shape response;

    private WafRules crs;
    private HttpRequest httpRequest;
    private HttpResponse httpResponse;

    @Setup
    public void setUp() {
        Path dir = WafRequestBenchmark.crsDirectory();
        String configuration = String.join("\n",
                "SecRuleEngine On",
                "SecRequestBodyAccess On",
                "Include \"" + dir.resolve("crs-setup.conf.example") + "\"",
                "Include \"" + dir.resolve("rules") + "/*.conf\"",
                // what the gateway reads after the rules for inspect-responses with its defaults
                "SecResponseBodyAccess On",
                "SecResponseBodyMimeTypesClear",
                "SecResponseBodyMimeType text/html text/plain application/json application/xml",
                "SecResponseBodyLimit 524288",
                "");
        crs = WafRules.parse(configuration, dir, WafSettings.defaults().withEngineMode(EngineMode.ON).withParanoiaLevel(1));
        httpRequest = WafRequestBenchmark.requestFor(WafRequestBenchmark.Shape.GET_3_ARGS);
        httpResponse = responseFor(response);
        Transaction transaction = crs.newTransaction(httpRequest);
        if (transaction.processRequest().denied()) {
            throw new IllegalStateException("the benign request was denied");
        }
        Verdict verdict = transaction.processResponse(httpResponse);
        boolean shouldDeny = response == Shape.HTML_SQL_ERROR;
        if (verdict.denied() != shouldDeny) {
            throw new IllegalStateException(response + " expected denied=" + shouldDeny + ", got " + verdict);
        }
    }

    @Benchmark
    public Verdict requestOnly() {
        return crs.newTransaction(httpRequest).processRequest();
    }

    @Benchmark
    public Verdict requestAndResponse() {
        Transaction transaction = crs.newTransaction(httpRequest);
        transaction.processRequest();
        return transaction.processResponse(httpResponse);
    }

    static HttpResponse responseFor(Shape shape) {
        String body;
        String type;
        switch (shape) {
            case HTML_16KB:
                body = html(16 * 1024, "");
                type = "text/html; charset=utf-8";
                break;
            case JSON_64KB:
                body = WafRequestBenchmark.jsonBody(64 * 1024);
                type = "application/json";
                break;
            case HTML_SQL_ERROR:
                body = html(16 * 1024, "<p class=\"error\">You have an error in your SQL syntax; check the manual that "
                        + "corresponds to your MySQL server version for the right syntax to use near ''' at line 1</p>");
                type = "text/html; charset=utf-8";
                break;
            default:
                throw new IllegalArgumentException("shape " + shape);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new HttpResponse(200, "HTTP/1.1", List.of(
                new HttpRequest.Header("Content-Type", type),
                new HttpRequest.Header("Content-Length", Integer.toString(bytes.length)),
                new HttpRequest.Header("Cache-Control", "no-store"),
                new HttpRequest.Header("Date", "Thu, 26 Nov 2026 18:00:00 GMT")), bytes);
    }

    /** A product listing page of at least {@code size} bytes, with {@code extra} near its end. */
    private static String html(int size, String extra) {
        StringBuilder page = new StringBuilder(size + 400).append("<!doctype html><html><head><title>Books</title>")
                .append("<link rel=\"stylesheet\" href=\"/static/site.css\"></head><body><h1>Books</h1><ul class=\"products\">");
        for (int i = 0; page.length() < size - 200; i++) {
            page.append("<li><a href=\"/products/").append(1000 + i).append("\">Paperback edition, volume ").append(i + 1)
                    .append("</a> <span class=\"price\">$").append(12 + i % 20).append(".99</span> <em>It's a gift idea.</em></li>");
        }
        return page.append("</ul>").append(extra).append("<footer>&copy; 2026 Example Books</footer></body></html>").toString();
    }
}
