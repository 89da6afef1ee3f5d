package dev.rampart.bench;

import dev.rampart.core.config.SecurityHeadersConfig;
import dev.rampart.gateway.guard.SecurityHeadersGuard;
import dev.rampart.gateway.proxy.ProxyHeaderViews;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
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
 * {@link SecurityHeadersGuard#onResponse} with the default settings on a proxied response, as
 * the proxy runs it: over the Vert.x response's header map, which already holds the upstream's
 * eight fields, two of which ({@code Server}, {@code X-Powered-By}) the defaults hide. The guard
 * sets eight headers on {@code https} responses; on {@code http} seven, and it removes HSTS.
 *
 * <p>The guard changes the map it works on, so each operation first copies the upstream's fields
 * into a new map, as the proxy does; {@code upstreamHeadersOnly} measures that copy alone, and
 * {@code onResponse} minus {@code upstreamHeadersOnly} is the guard's cost.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class SecurityHeadersBenchmark {

    @Param({"https", "http"})
    public String scheme;

    private final String[] upstreamNames = {"Content-Type", "Content-Length", "Date", "Cache-Control", "ETag", "Vary",
        "Server", "X-Powered-By"};
    private final String[] upstreamValues = {"application/json; charset=utf-8", "1342", "Tue, 04 Nov 2025 10:15:42 GMT",
        "private, max-age=0", "W/\"53e-1b2c3d4e\"", "Accept-Encoding, Origin", "nginx/1.25.3", "Express"};

    private SecurityHeadersGuard guard;
    private SampleExchange exchange;

    @Setup
    public void setUp() {
        guard = SecurityHeadersGuard.from(SecurityHeadersConfig.inherit(), SecurityHeadersConfig.inherit(),
                "routes[0].security-headers");
        exchange = new SampleExchange(scheme, "api.example.com", "/api/v1/orders");

        MultiMap headers = onResponse();
        boolean https = scheme.equals("https");
        if (headers.contains("Server") || headers.contains("X-Powered-By")
                || !"nosniff".equals(headers.get("X-Content-Type-Options"))
                || headers.contains("Strict-Transport-Security") != https
                || headers.size() != upstreamNames.length - 2 + (https ? 8 : 7)) {
            throw new IllegalStateException("unexpected " + scheme + " response headers: " + headers);
        }
    }

    @Benchmark
    public MultiMap upstreamHeadersOnly() {
        return upstreamResponse();
    }

    @Benchmark
    public MultiMap onResponse() {
        MultiMap headers = upstreamResponse();
        guard.onResponse(exchange, new SampleExchange.ProxiedResponse(200, ProxyHeaderViews.of(headers)));
        return headers;
    }

    /** A new response's header map (the kind a Vert.x server response has) with the upstream's fields. */
    private MultiMap upstreamResponse() {
        MultiMap headers = HttpHeaders.headers();
        for (int i = 0; i < upstreamNames.length; i++) {
            headers.add(upstreamNames[i], upstreamValues[i]);
        }
        return headers;
    }
}
