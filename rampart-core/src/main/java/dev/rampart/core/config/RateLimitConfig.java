package dev.rampart.core.config;

import java.time.Duration;
import java.util.Map;

/** Rate limits, quotas and plans ({@code rate-limits:}); routes opt in with their {@code rate-limit:}. */
public record RateLimitConfig(
        @Doc("Plans by name: named sets of limits assigned to callers.") Map<String, PlanConfig> plans,
        @Doc("Plan of callers with no plan attribute, and of anonymous requests. Default 'default' "
                + "(no limits unless a plan of that name is defined).") String defaultPlan,
        @Doc("Principal attribute naming the caller's plan. Default 'plan'.") String planAttribute,
        @Doc("Time zone of quota periods (an IANA name such as Europe/Paris). Default UTC.") String timeZone,
        @Doc("Most keys whose rate-limit state is held in memory; the least recently used beyond it are forgotten "
                + "(their allowance starts full again). Default 100000.") Integer maxKeys,
        @Doc("How often quota counts are written to the store. A crash forgets the requests counted since the "
                + "last write. Default 5s.") Duration quotaFlushInterval) {

    public RateLimitConfig {
        plans = plans == null ? Map.of() : Map.copyOf(plans);
        defaultPlan = defaultPlan == null ? "default" : defaultPlan;
        planAttribute = planAttribute == null ? "plan" : planAttribute;
        timeZone = timeZone == null ? "UTC" : timeZone;
        maxKeys = maxKeys == null ? 100_000 : maxKeys;
        quotaFlushInterval = quotaFlushInterval == null ? Duration.ofSeconds(5) : quotaFlushInterval;
    }

    public static RateLimitConfig defaults() {
        return new RateLimitConfig(null, null, null, null, null, null);
    }
}
