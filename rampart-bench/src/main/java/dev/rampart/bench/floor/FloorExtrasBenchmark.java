package dev.rampart.bench.floor;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
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
 * Experiment (issue 2): what NettyProxyFloor's {@code --extras} cost per request, on one
 * thread without the network: the request id, the traceparent (new trace, and a valid incoming one
 * continued), the route lookup among six prefixes, and all three set on a request's header map —
 * too small to see in the end-to-end CPU figures, whose run-to-run noise is a few µs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class FloorExtrasBenchmark {

    private static final String INCOMING = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private final NettyProxyFloor.Router router = new NettyProxyFloor.Router(List.of(
            new NettyProxyFloor.Route("admin", "/admin/", null), new NettyProxyFloor.Route("api-v2", "/api/v2/", null),
            new NettyProxyFloor.Route("api", "/api/", null), new NettyProxyFloor.Route("static", "/static/", null),
            new NettyProxyFloor.Route("health", "/healthz", null), new NettyProxyFloor.Route("app", "/", null)));

    @Benchmark
    public Object requestId() {
        return NettyProxyFloor.requestId();
    }

    @Benchmark
    public Object traceparentNew() {
        return NettyProxyFloor.traceparent(null);
    }

    @Benchmark
    public Object traceparentContinued() {
        return NettyProxyFloor.traceparent(INCOMING);
    }

    @Benchmark
    public Object routeLookup() {
        return router.find("/items?page=2");
    }

    @Benchmark
    public Object allOnHeaders() {
        HttpRequest req = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/items?page=2");
        req.headers().set("host", "127.0.0.1:18097").set("user-agent", "hey/0.0.1").set("accept-encoding", "gzip");
        NettyProxyFloor.Route r = router.find(req.uri());
        req.headers().set("x-request-id", NettyProxyFloor.requestId());
        req.headers().set("traceparent", NettyProxyFloor.traceparent(req.headers().get("traceparent")));
        return r == null ? req : req.headers();
    }

    @Benchmark
    public Object baselineHeaders() {
        HttpRequest req = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/items?page=2");
        req.headers().set("host", "127.0.0.1:18097").set("user-agent", "hey/0.0.1").set("accept-encoding", "gzip");
        return req.headers();
    }
}
