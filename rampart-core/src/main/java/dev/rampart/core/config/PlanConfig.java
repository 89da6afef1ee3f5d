package dev.rampart.core.config;

import java.util.List;

/**
 * A plan: a named set of limits assigned to callers (by the principal attribute named in
 * {@code rate-limits.plan-attribute}). A plan's counters are shared by every route that applies
 * plans, so "1000 per hour" means 1000 over the whole API.
 */
public record PlanConfig(
        @Doc("Rate limits of the plan, checked together.") List<LimitConfig> limits,
        @Doc("Daily or monthly quotas of the plan.") List<QuotaConfig> quotas,
        @Doc("Concurrency limits of the plan.") List<ConcurrencyLimitConfig> concurrency) {

    public PlanConfig {
        limits = limits == null ? List.of() : List.copyOf(limits);
        quotas = quotas == null ? List.of() : List.copyOf(quotas);
        concurrency = concurrency == null ? List.of() : List.copyOf(concurrency);
    }
}
