package dev.rampart.core.config;

/** At most {@code maxInFlight} requests in progress at once for each value of {@code key}. */
public record ConcurrencyLimitConfig(
        @Required @Doc("Name of the limit, for events and logs, e.g. 'in-flight'.") String name,
        @Required @Doc("Most requests in progress at once; more are refused with 429.") Integer maxInFlight,
        @Doc("What the limit counts by; default principal (client_ip for anonymous requests).") LimitKey key,
        @Doc("Header whose value is the key, when key is 'header'.") String header,
        @Doc("CEL expression whose value is the key, when key is 'expression', e.g. "
                + "principal.attributes.org + ':' + request.headers['x-tenant']. It sees principal and request as "
                + "policy conditions do and must yield a string, int or bool; an error or an empty value counts by "
                + "client IP.") String expression) {

    public ConcurrencyLimitConfig {
        key = key == null ? LimitKey.principal : key;
    }
}
