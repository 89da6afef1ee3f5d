package dev.rampart.core.config;

/**
 * A quota: at most {@code limit} requests per calendar day or month for each value of {@code key}.
 * Counts are kept in the store, so they survive a restart; periods start at midnight in
 * {@code rate-limits.time-zone}.
 */
public record QuotaConfig(
        @Required @Doc("Name of the quota, sent as the policy name in RateLimit headers, e.g. 'daily'.") String name,
        @Required @Doc("Most requests per period.") Long limit,
        @Required @Doc("'day' or 'month' (calendar periods in rate-limits.time-zone).") Period period,
        @Doc("What the quota counts by; default principal (client_ip for anonymous requests).") LimitKey key,
        @Doc("Header whose value is the key, when key is 'header'.") String header) {

    /** Calendar periods a quota resets on. */
    public enum Period {
        day,
        month
    }

    public QuotaConfig {
        key = key == null ? LimitKey.principal : key;
    }
}
