package dev.rampart.gateway.route;

import dev.rampart.core.Guard;
import dev.rampart.core.path.PathTemplate;
import dev.rampart.gateway.upstream.UpstreamPool;
import java.util.List;
import java.util.Set;

/**
 * A route ready to serve: its matcher, upstream pool and guard chain, built once per config load.
 *
 * @param id the route id
 * @param hosts host matcher (empty matches any host)
 * @param path the path: exact, template or prefix, matched against the normalised path
 * @param methods allowed methods (empty: any)
 * @param upstream where requests go
 * @param guards the guard chain in execution order
 * @param maxBodyBytes largest accepted request body
 * @param bodyInspectionBytes how much of the body guards need buffered (0: stream it)
 */
public record CompiledRoute(
        String id,
        HostMatcher hosts,
        PathTemplate path,
        Set<String> methods,
        UpstreamPool upstream,
        List<Guard> guards,
        long maxBodyBytes,
        long bodyInspectionBytes) {

    public CompiledRoute {
        methods = Set.copyOf(methods);
        guards = List.copyOf(guards);
    }
}
