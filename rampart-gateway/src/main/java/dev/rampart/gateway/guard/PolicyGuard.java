package dev.rampart.gateway.guard;

import dev.rampart.core.Decision;
import dev.rampart.core.Exchange;
import dev.rampart.core.Guard;
import dev.rampart.core.SecurityEvent;
import dev.rampart.core.config.AuthenticationConfig;
import dev.rampart.policy.AccessRequest;
import dev.rampart.policy.AuthorizationDecision;
import dev.rampart.policy.Authorizer;
import dev.rampart.policy.Explanation;
import dev.rampart.policy.Permission;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Authorization ({@code policy}, rampart-policy) of a route's requests: after authentication, so the
 * caller is known, and before the rate limits, so that a request the policy refuses does not spend
 * the caller's tokens or, worse, its daily and monthly quotas, which are counted in the store and
 * outlive the flood. A flood of refused requests is still bounded: every refusal is an event, which
 * the ban rules ({@code bans.rules}) count, and connections are limited before any guard runs.
 *
 * <p>A denial is answered 403 problem+json {@code forbidden} with a one-line reason that names at
 * most the permission the route needs (which the API documents anyway), never a role, rule, condition
 * or attribute; the full explanation goes into a {@code policy.denied} event. In shadow mode the
 * request goes on and the event is {@code policy.would-deny}. A request without a caller (the route's
 * authentication is {@code optional}) is answered 401 {@code missing-credentials}: credentials, not
 * permissions, are what it lacks. Allowed requests are reported only with {@code policy.report-allowed}.
 * CPU only (hash lookups, bit sets, CEL); never blocks.
 */
public final class PolicyGuard implements Guard {

    /** The guard's name in config, metrics and events. */
    public static final String NAME = "authorization";
    /** The problem code of a denial. */
    public static final String FORBIDDEN = "forbidden";

    private final Authorizer authorizer;
    private final List<Permission> permissions;
    private final boolean reportAllowed;
    private final Clock clock;
    private final CompletionStage<Decision> unauthenticated;

    private PolicyGuard(Authorizer authorizer, List<Permission> permissions, boolean reportAllowed, Clock clock,
            Decision unauthenticated) {
        this.authorizer = authorizer;
        this.permissions = permissions;
        this.reportAllowed = reportAllowed;
        this.clock = clock;
        this.unauthenticated = unauthenticated.toStage();
    }

    /**
     * The guard of one route.
     *
     * @param permissions the route's {@code permissions} (empty: {@code policy.routes} decide)
     * @param authentication the route's authentication, for the challenge of a request without a caller
     * @param path the route's config path, for errors ({@code routes[2]})
     * @throws IllegalArgumentException when a permission is malformed or has a wildcard, naming it by its path
     */
    public static PolicyGuard of(Authorizer authorizer, List<String> permissions, AuthenticationConfig authentication,
            boolean reportAllowed, Clock clock, String path) {
        return new PolicyGuard(authorizer, requiredPermissions(permissions, path + ".permissions"), reportAllowed,
                clock, unauthenticated(authentication));
    }

    /**
     * A route's {@code permissions}, parsed.
     *
     * @throws IllegalArgumentException naming the first malformed entry by its path, e.g. {@code routes[2].permissions[0]}
     */
    public static List<Permission> requiredPermissions(List<String> permissions, String path) {
        Permission[] parsed = new Permission[permissions.size()];
        for (int i = 0; i < parsed.length; i++) {
            try {
                parsed[i] = Permission.parseRequired(permissions.get(i));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(path + "[" + i + "]: " + e.getMessage(), e);
            }
        }
        return List.of(parsed);
    }

    private static Decision unauthenticated(AuthenticationConfig authentication) {
        Decision d = Decision.deny(401, "missing-credentials",
                "This request needs an authenticated caller; send the route's credentials.");
        if (authentication != null && (!authentication.jwt().isEmpty() || authentication.introspection() != null)) {
            d = d.withHeader("WWW-Authenticate", AuthenticationGuard.BEARER_CHALLENGE);
        }
        if (authentication != null && authentication.apiKey() != null) {
            d = d.withHeader("WWW-Authenticate", AuthenticationGuard.API_KEY_CHALLENGE);
        }
        return d;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CompletionStage<Decision> onRequest(Exchange exchange) {
        AuthorizationDecision d = authorizer.decide(exchange.principal().orElse(null),
                AccessRequest.from(exchange, permissions, clock.instant()));
        if (d.allowed()) {
            if (reportAllowed) {
                exchange.emit(NAME, "policy.allowed", SecurityEvent.Severity.INFO, "allowed", d.auditDetails());
            }
            return Decision.proceedStage();
        }
        exchange.emit(NAME, d.enforced() ? "policy.denied" : "policy.would-deny",
                d.enforced() ? SecurityEvent.Severity.MEDIUM : SecurityEvent.Severity.LOW, FORBIDDEN, d.auditDetails());
        if (d.permits()) {
            return Decision.proceedStage();
        }
        if (d.explanation().outcome() == Explanation.Outcome.NO_PRINCIPAL) {
            return unauthenticated;
        }
        return Decision.deny(403, FORBIDDEN, clientReason(d.explanation())).toStage();
    }

    /**
     * What the client is told: the permissions it lacks when nothing granted them (the route's own
     * contract), otherwise only that the policy refused. Rule ids, roles, conditions and attribute
     * values stay in the event, where the operator reads them.
     */
    static String clientReason(Explanation e) {
        if (e.outcome() == Explanation.Outcome.NOT_GRANTED) {
            StringBuilder missing = new StringBuilder();
            e.missing().forEach(m -> missing.append(missing.length() == 0 ? "" : ", ").append(m.permission()));
            return "Not allowed: this request needs the permission " + missing + ".";
        }
        return "Not allowed by the access policy.";
    }
}
