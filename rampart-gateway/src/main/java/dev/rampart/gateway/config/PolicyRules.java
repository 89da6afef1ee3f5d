package dev.rampart.gateway.config;

import dev.rampart.core.config.RampartConfig;
import dev.rampart.core.config.RouteConfig;
import dev.rampart.gateway.guard.PolicyGuard;
import dev.rampart.policy.Authorizer;
import dev.rampart.policy.PolicyConfigException;
import dev.rampart.policy.PolicyProblem;

/**
 * The checks of {@code policy} and of the routes' {@code permissions}: the policy compiled as the
 * gateway will compile it (each problem placed at its key; a CEL error keeps the line:column inside
 * the expression in its message), and the routes' permissions parsed.
 *
 * <p>A route that lists permissions needs authentication: the policy decides for a principal and
 * denies a request without one, so such a route could never be used, and the only way to open it to
 * anonymous callers would be a rule that no principal can be shown to match. Refusing that at load
 * is the safe reading; a route meant for anonymous callers lists no permissions.
 */
final class PolicyRules {

    private PolicyRules() {
    }

    static void check(RampartConfig config, Findings findings) {
        if (config.policy() != null) {
            try {
                Authorizer.compile(config.policy(), "policy");
            } catch (PolicyConfigException e) {
                for (PolicyProblem problem : e.problems()) {
                    findings.errorNamingItsPath(problem.toString(), "policy");
                }
            }
        }
        for (int i = 0; i < config.routes().size(); i++) {
            route(config, config.routes().get(i), SourceMap.element("routes", i), findings);
        }
    }

    private static void route(RampartConfig config, RouteConfig route, String path, Findings findings) {
        String permissions = SourceMap.child(path, "permissions");
        if (!route.permissions().isEmpty()) {
            try {
                PolicyGuard.requiredPermissions(route.permissions(), permissions);
            } catch (IllegalArgumentException e) {
                findings.errorNamingItsPath(e.getMessage(), permissions);
            }
            if (config.policy() == null) {
                findings.error(permissions, "permissions are granted by roles and rules of a policy, and there is "
                        + "none: add a policy section (roles, bindings, rules) or remove this key");
            }
            if (route.authentication() == null) {
                findings.error(permissions, "the route has no authentication, so there is no caller to authorize "
                        + "and every request would be denied; add authentication (e.g. jwt: [corp] or api-key: {}), "
                        + "or remove permissions to leave the route open to anonymous callers");
            }
        } else if (config.policy() != null && route.authentication() != null && config.policy().routes().isEmpty()) {
            findings.warning(SourceMap.child(path, "authentication"), "the route lists no permissions and policy.routes "
                    + "is empty, so the policy denies every request on it; list the permissions it needs, e.g. "
                    + "permissions: [\"messages:read\"]");
        }
    }
}
