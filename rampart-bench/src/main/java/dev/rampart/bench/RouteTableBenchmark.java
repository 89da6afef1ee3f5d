package dev.rampart.bench;

import dev.rampart.core.path.PathTemplate;
import dev.rampart.gateway.route.CompiledRoute;
import dev.rampart.gateway.route.HostMatcher;
import dev.rampart.gateway.route.PathNormalizer;
import dev.rampart.gateway.route.RouteTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * Routing a request in a config of 200 routes, first match wins: {@link RouteTable#match} for a
 * request taken by the 199th of the 200 routes and for one that no route takes (all 200 tried),
 * and {@link PathNormalizer#normalize}, which runs before it on every path: a path already in
 * normal form, and one with dot segments, an empty segment and percent-encoding.
 *
 * <p>The routes cycle through the shapes a config mixes: a path prefix on one host, an exact
 * path on any host with one method, a template with two parameters on a host and its subdomains,
 * and a template on a tenant's own host.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class RouteTableBenchmark {

    private static final int ROUTES = 200;
    private static final String HOST = "api.example.com";

    // Inputs in fields, not constants, so that the JIT cannot fold the work on them away.
    private String host = HOST;
    private String method = "GET";
    private String nearEndPath = "/svc198/orders/8412/items/77";
    private String missingPath = "/nothing/here";
    private String cleanPath = "/svc198/orders/8412/items/77";
    private String dirtyPath = "/svc198//./orders/%38%34%31%32/../8412/items/%7Eitem%2fx";

    private RouteTable table;

    @Setup
    public void setUp() throws PathNormalizer.InvalidPathException {
        List<CompiledRoute> routes = new ArrayList<>(ROUTES);
        for (int i = 0; i < ROUTES; i++) {
            String svc = "/svc" + i;
            routes.add(switch (i % 4) {
                case 0 -> route(i, List.of(HOST), PathTemplate.prefix(svc + "/"), Set.of());
                case 1 -> route(i, List.of(), PathTemplate.parse(svc + "/health"), Set.of("GET"));
                case 2 -> route(i, List.of(HOST, "*." + HOST), PathTemplate.parse(svc + "/orders/{orderId}/items/{itemId}"),
                        Set.of("GET", "PUT"));
                default -> route(i, List.of("tenant" + i + ".example.com"), PathTemplate.parse(svc + "/users/{userId}"),
                        Set.of("GET", "POST", "DELETE"));
            });
        }
        table = new RouteTable(routes);

        if (!(matchNearEnd() instanceof RouteTable.Matched m) || !m.route().id().equals("r198")
                || !m.pathParams().equals(Map.of("orderId", "8412", "itemId", "77"))) {
            throw new IllegalStateException(nearEndPath + " should be taken by route r198");
        }
        if (!(matchMiss() instanceof RouteTable.NotFound)) {
            throw new IllegalStateException(missingPath + " should match no route");
        }
        if (normalizeCleanPath() != cleanPath) {
            throw new IllegalStateException(cleanPath + " should already be normal");
        }
        String normal = normalizeDotSegmentsAndPercentEncoding();
        if (!normal.equals("/svc198/orders/8412/items/~item%2Fx")) {
            throw new IllegalStateException(dirtyPath + " normalised to " + normal);
        }
    }

    @Benchmark
    public RouteTable.Result matchNearEnd() {
        return table.match(host, nearEndPath, method);
    }

    @Benchmark
    public RouteTable.Result matchMiss() {
        return table.match(host, missingPath, method);
    }

    @Benchmark
    public String normalizeCleanPath() throws PathNormalizer.InvalidPathException {
        return PathNormalizer.normalize(cleanPath);
    }

    @Benchmark
    public String normalizeDotSegmentsAndPercentEncoding() throws PathNormalizer.InvalidPathException {
        return PathNormalizer.normalize(dirtyPath);
    }

    private static CompiledRoute route(int i, List<String> hosts, PathTemplate path, Set<String> methods) {
        // No upstream and no guards: matching reads only hosts, path and methods.
        return new CompiledRoute("r" + i, HostMatcher.of(hosts), path, methods, null, List.of(), 10L << 20, 0);
    }
}
