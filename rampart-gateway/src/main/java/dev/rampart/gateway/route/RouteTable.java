package dev.rampart.gateway.route;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The routes of one config, matched in order: the first route whose host, path and method match wins. */
public final class RouteTable {

    /** The outcome of matching a request. */
    public sealed interface Result permits Matched, MethodNotAllowed, NotFound {
    }

    /** A route took the request. */
    public record Matched(CompiledRoute route, Map<String, String> pathParams) implements Result {
    }

    /** Some route matched host and path but none the method: 405 with {@code Allow}. */
    public record MethodNotAllowed(Set<String> allowed) implements Result {
    }

    /** No route matched. */
    public record NotFound() implements Result {
    }

    private static final NotFound NOT_FOUND = new NotFound();

    private final List<CompiledRoute> routes;

    public RouteTable(List<CompiledRoute> routes) {
        this.routes = List.copyOf(routes);
    }

    public List<CompiledRoute> routes() {
        return routes;
    }

    /**
     * @param host normalised host
     * @param path normalised path
     * @param method request method
     */
    public Result match(String host, String path, String method) {
        Set<String> allowed = null;
        for (CompiledRoute route : routes) {
            if (!route.hosts().matches(host)) {
                continue;
            }
            Map<String, String> params = route.path().match(path);
            if (params == null) {
                continue;
            }
            if (route.methods().isEmpty() || route.methods().contains(method)) {
                return new Matched(route, params);
            }
            if (allowed == null) {
                allowed = new TreeSet<>();
            }
            allowed.addAll(route.methods());
        }
        return allowed == null ? NOT_FOUND : new MethodNotAllowed(allowed);
    }
}
