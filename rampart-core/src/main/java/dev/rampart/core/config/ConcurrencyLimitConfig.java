package dev.rampart.core.config;

/** At most {@code maxInFlight} requests in progress at once for each value of {@code key}. */
public record ConcurrencyLimitConfig(
        @Required @Doc("Name of the limit, for events and logs, e.g. 'in-flight'.") String name,
        @Required @Doc("Most requests in progress at once; more are refused with 429.") Integer maxInFlight,
        @Doc("What the limit counts by; default principal (client_ip for anonymous requests).") LimitKey key,
        @Doc("Header whose value is the key, when key is 'header'.") String header) {

    public ConcurrencyLimitConfig {
        key = key == null ? LimitKey.principal : key;
    }
}
