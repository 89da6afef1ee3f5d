package dev.rampart.core.config;

import java.util.List;

/**
 * What a route matches. All given conditions must hold. Exactly one of {@code path} and
 * {@code path-prefix} is set.
 */
public record RouteMatchConfig(
        @Doc("Host names (exact or '*.example.com'); empty: any host.") List<String> hosts,
        @Doc("Exact path ('/health') or template with parameters ('/orders/{id}/items/{item}'); "
                + "a parameter matches one non-empty segment.") String path,
        @Doc("Path prefix, matched on segment boundaries ('/api' matches '/api' and '/api/x', not '/apix').")
        String pathPrefix,
        @Doc("HTTP methods; empty: any method.") List<String> methods) {

    public RouteMatchConfig {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
        methods = methods == null ? List.of() : List.copyOf(methods);
    }
}
