package dev.rampart.ratelimit;

import dev.rampart.core.Principal;
import dev.rampart.core.config.PlanConfig;
import dev.rampart.core.config.RateLimitConfig;
import dev.rampart.core.config.RouteRateLimitConfig;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Rate limits, quotas and concurrency limits of one config load: the plans of
 * {@code rate-limits:}, compiled once, and a {@link RouteLimiter} per route that has a
 * {@code rate-limit:} section.
 *
 * <pre>{@code
 * QuotaLedger quotas = QuotaLedger.open(store, config.rateLimits(), clock);   // once per process
 * LimiterState state = new InMemoryLimiterState(config.rateLimits().maxKeys(), clock);
 * RateLimiter limiter = RateLimiter.create(config.rateLimits(), state, quotas, clock);  // per config load
 * RouteLimiter orders = limiter.forRoute("orders", route.rateLimit());
 * RateLimitOutcome outcome = orders.check(RateLimitRequest.of(exchange));
 * }</pre>
 *
 * <p>Keep the state and the ledger across config reloads: counters are keyed by scope and limit
 * name, so a reload that keeps a limit keeps its counts.
 */
public final class RateLimiter {

    private final RateLimitConfig config;
    private final LimiterState state;
    private final QuotaLedger quotas;
    private final Clock clock;
    private final Map<String, LimitSet> plans;
    private final LimitSet defaultPlan;
    private final KeyExpression.Compiler expressions;

    private RateLimiter(RateLimitConfig config, LimiterState state, QuotaLedger quotas, Clock clock, Map<String, LimitSet> plans,
            KeyExpression.Compiler expressions) {
        this.config = config;
        this.state = state;
        this.quotas = quotas;
        this.clock = clock;
        this.plans = plans;
        this.expressions = expressions;
        this.defaultPlan = plans.getOrDefault(config.defaultPlan(), LimitSet.compile("plan:" + config.defaultPlan(),
                "rate-limits.plans." + config.defaultPlan(), List.of(), List.of(), List.of(), null));
    }

    /**
     * Compiles the plans.
     *
     * @param quotas where quota counts are kept; may be null when no plan or route has quotas
     * @throws IllegalArgumentException naming the config path of the first invalid entry and what is allowed
     */
    public static RateLimiter create(RateLimitConfig config, LimiterState state, QuotaLedger quotas, Clock clock) {
        return create(config, state, quotas, clock, null);
    }

    /**
     * Compiles the plans; limits may be keyed by expressions ({@code key: expression}), compiled by
     * {@code expressions} here and in {@link #forRoute}.
     *
     * @param expressions compiles key expressions; null: a limit keyed by an expression is a config error
     * @throws IllegalArgumentException naming the config path of the first invalid entry and what is allowed
     */
    public static RateLimiter create(RateLimitConfig config, LimiterState state, QuotaLedger quotas, Clock clock,
            KeyExpression.Compiler expressions) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(clock, "clock");
        if (!config.plans().isEmpty() && !config.plans().containsKey(config.defaultPlan())) {
            // a misspelt default plan would leave every caller without a plan attribute unlimited
            throw new IllegalArgumentException("rate-limits.default-plan '" + config.defaultPlan() + "' names no plan; plans are "
                    + new TreeSet<>(config.plans().keySet()) + " (define an empty plan to leave such callers unlimited)");
        }
        Map<String, LimitSet> plans = new HashMap<>();
        for (Map.Entry<String, PlanConfig> e : config.plans().entrySet()) {
            PlanConfig plan = e.getValue();
            LimitSet set = LimitSet.compile("plan:" + e.getKey(), "rate-limits.plans." + e.getKey(),
                    plan.limits(), plan.quotas(), plan.concurrency(), expressions);
            requireLedger(set, quotas, "rate-limits.plans." + e.getKey());
            state.keepIdleKeysFor(set.longestWindow());
            plans.put(e.getKey(), set);
        }
        return new RateLimiter(config, state, quotas, clock, Map.copyOf(plans), expressions);
    }

    /**
     * The limiter of a route.
     *
     * @param path the route's config path for messages, e.g. {@code routes[2].rate-limit}
     * @throws IllegalArgumentException when a limit is invalid, or is named like a limit of a plan
     *     the route applies (the RateLimit headers could not tell them apart)
     */
    public RouteLimiter forRoute(String routeId, RouteRateLimitConfig route, String path) {
        LimitSet own = LimitSet.compile("route:" + routeId, path, route.limits(), route.quotas(), route.concurrency(),
                expressions);
        requireLedger(own, quotas, path);
        state.keepIdleKeysFor(own.longestWindow());
        if (route.applyPlan()) {
            for (Map.Entry<String, LimitSet> plan : plans.entrySet()) {
                for (String name : own.policyNames) {
                    if (plan.getValue().policyNames.contains(name)) {
                        throw new IllegalArgumentException(path + ": the limit '" + name + "' has the name of a limit of plan '"
                                + plan.getKey() + "', which this route applies too; rename one (clients tell limits apart by name)");
                    }
                }
            }
        }
        return new RouteLimiter(this, routeId, own, route.applyPlan());
    }

    /** The limits of {@code principal}'s plan: its plan attribute, else the default plan (also for anonymous requests). */
    LimitSet planOf(Principal principal) {
        if (principal != null) {
            Object plan = principal.attributes().get(config.planAttribute());
            if (plan != null) {
                LimitSet set = plans.get(plan.toString());
                if (set != null) {
                    return set;
                }
            }
        }
        return defaultPlan;
    }

    LimiterState state() {
        return state;
    }

    QuotaLedger quotas() {
        return quotas;
    }

    Clock clock() {
        return clock;
    }

    private static void requireLedger(LimitSet set, QuotaLedger quotas, String path) {
        if (!set.quotas.isEmpty() && quotas == null) {
            throw new IllegalArgumentException(path + " has quotas, but no quota ledger was given: quotas need the store");
        }
    }
}
