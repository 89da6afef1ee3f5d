package dev.rampart.gateway.admin;

import dev.rampart.core.config.RateLimitConfig;
import java.util.TreeSet;

/**
 * The check of the rate-limit plan given to a new API key (admin API and {@code rampart keys create}):
 * it must be one of {@code rate-limits.plans}. A misspelt plan would otherwise leave the key on the
 * default plan without a word, since rate limiting falls back to the default for an unknown plan.
 */
public final class KeyPlans {

    private KeyPlans() {
    }

    /**
     * @param plan the requested plan, or null for the default plan
     * @throws IllegalArgumentException when the config does not define {@code plan}, naming those it does
     */
    public static void check(String plan, RateLimitConfig config) {
        if (plan == null || config.plans().containsKey(plan)) {
            return;
        }
        throw new IllegalArgumentException("plan '" + plan + "' is not one of rate-limits.plans; " + (config.plans()
                .isEmpty() ? "the config defines none" : "defined: " + String.join(", ", new TreeSet<>(config.plans()
                        .keySet()))));
    }
}
