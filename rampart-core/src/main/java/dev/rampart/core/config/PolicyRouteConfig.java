package dev.rampart.core.config;

import java.util.List;

/** The permissions a method and path template need ({@code policy.routes[i]}). */
public record PolicyRouteConfig(
        @Doc("HTTP methods, upper case; empty: any method.") List<String> methods,
        @Required @Doc("Exact path or template with parameters, e.g. /orgs/{org}/messages; a parameter matches "
                + "one non-empty segment and is available to conditions as request.params.<name>.") String path,
        @Required @Doc("Permissions a request needs, all of them, e.g. [messages:write]; no wildcards.")
        List<String> permissions) {

    public PolicyRouteConfig {
        methods = methods == null ? List.of() : List.copyOf(methods);
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
    }
}
