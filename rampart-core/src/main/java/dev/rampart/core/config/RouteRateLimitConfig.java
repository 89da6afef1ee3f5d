package dev.rampart.core.config;

import java.util.List;

/**
 * Rate limiting on one route: the route's own limits (counted per route) and, unless switched off,
 * the caller's plan (counted across all routes that apply plans). All are checked together.
 */
public record RouteRateLimitConfig(
        @Doc("Whether the caller's plan (rate-limits.plans) applies on this route. Default true.") Boolean applyPlan,
        @Doc("Rate limits of this route.") List<LimitConfig> limits,
        @Doc("Daily or monthly quotas of this route.") List<QuotaConfig> quotas,
        @Doc("Concurrency limits of this route.") List<ConcurrencyLimitConfig> concurrency) {

    public RouteRateLimitConfig {
        applyPlan = applyPlan == null ? Boolean.TRUE : applyPlan;
        limits = limits == null ? List.of() : List.copyOf(limits);
        quotas = quotas == null ? List.of() : List.copyOf(quotas);
        concurrency = concurrency == null ? List.of() : List.copyOf(concurrency);
    }
}
