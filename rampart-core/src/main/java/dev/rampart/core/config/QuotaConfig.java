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
        @Doc("Header whose value is the key, when key is 'header'.") String header,
        @Doc("CEL expression whose value is the key, when key is 'expression', e.g. "
                + "principal.attributes.org + ':' + request.headers['x-tenant']. It sees principal and request as "
                + "policy conditions do and must yield a string, int or bool; an error or an empty value counts by "
                + "client IP.") String expression) {

    /** Calendar periods a quota resets on. */
    public enum Period {
        day,
        month
    }

    public QuotaConfig {
        key = key == null ? LimitKey.principal : key;
    }
}
