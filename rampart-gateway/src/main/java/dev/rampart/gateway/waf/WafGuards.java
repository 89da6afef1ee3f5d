package dev.rampart.gateway.waf;

import dev.rampart.core.config.HttpLimitsConfig;
import dev.rampart.core.config.RampartConfig;
import dev.rampart.core.config.RouteConfig;
import dev.rampart.core.config.WafRouteConfig;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;

/**
 * What one config load needs for its routes' WAF guards: the rule sets (loaded once, shared by
 * routes with identical settings) and the {@code rampart-waf} worker pool phases 2-4 run on.
 * Closed when the runtime that built it retires.
 */
public final class WafGuards implements AutoCloseable {

    /** Name of the worker pool that runs phase 2, shared by every runtime (by name). */
    public static final String POOL = "rampart-waf";
    /** Sized for the 2-core machines Rampart is tuned for: inspection is CPU-bound. */
    private static final int POOL_THREADS = 2;

    private final WafRuleSets ruleSets;
    private final WorkerExecutor inspections;

    private WafGuards(WafRuleSets ruleSets, WorkerExecutor inspections) {
        this.ruleSets = ruleSets;
        this.inspections = inspections;
    }

    /** The WAF state for {@code config}; opens the worker pool only when a route has {@code waf:}. */
    public static WafGuards open(Vertx vertx, RampartConfig config, Path baseDir) {
        boolean any = config.routes().stream().anyMatch(r -> r.waf() != null);
        return new WafGuards(new WafRuleSets(baseDir), any ? vertx.createSharedWorkerExecutor(POOL, POOL_THREADS) : null);
    }

    /**
     * The guard for route {@code route} (which must have {@code waf:}).
     *
     * @param path the route's config path, {@code routes[3]}
     * @param limits the gateway's limits: inspection never asks for more than the route's largest body
     */
    public WafGuard guardFor(RouteConfig route, String path, HttpLimitsConfig limits) {
        WafRouteConfig waf = route.waf();
        long maxBody = (route.maxBodySize() != null ? route.maxBodySize() : limits.maxBodySize()).bytes();
        return new WafGuard(ruleSets.rulesFor(waf, path + ".waf"), Math.min(waf.requestBodyLimit().bytes(), maxBody),
                waf.inspectResponseHeaders(), waf.inspectResponses(), inspections);
    }

    @Override
    public void close() {
        if (inspections != null) {
            // Shared by name: the pool stops when the last runtime using it lets go.
            inspections.close();
        }
    }
}
