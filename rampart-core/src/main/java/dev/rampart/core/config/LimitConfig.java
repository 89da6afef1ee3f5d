package dev.rampart.core.config;

import java.time.Duration;

/**
 * One rate limit: at most {@code limit} requests per {@code window} for each value of {@code key}.
 * Several limits on one route or plan are checked together: a request is counted against all of
 * them or none.
 */
public record LimitConfig(
        @Required @Doc("Name of the limit, sent to clients as the policy name in RateLimit-Policy / RateLimit "
                + "headers, e.g. 'burst' or 'hourly'. Letters, digits, '-', '_'.") String name,
        @Required @Doc("Most requests per window.") Long limit,
        @Required @Doc("The window, e.g. 1s, 1m, 1h.") Duration window,
        @Doc("What the limit counts by: principal, api_key, client_ip, route, header, global or expression. Default principal "
                + "(client_ip for anonymous requests).") LimitKey key,
        @Doc("Header whose value is the key, when key is 'header'.") String header,
        @Doc("'token_bucket' (default: the allowance refills continuously, limit/window per unit of time, "
                + "so a client may burst up to 'limit' and then goes on at the sustained rate) or 'sliding_window' "
                + "(exact: never more than 'limit' requests in any window-long interval; costs 8 bytes per "
                + "allowed request per key).") Algorithm algorithm,
        @Doc("CEL expression whose value is the key, when key is 'expression', e.g. "
                + "principal.attributes.org + ':' + request.headers['x-tenant']. It sees principal and request as "
                + "policy conditions do and must yield a string, int or bool; an error or an empty value counts by "
                + "client IP.") String expression) {

    /** How a limit counts. */
    public enum Algorithm {
        token_bucket,
        sliding_window
    }

    public LimitConfig {
        key = key == null ? LimitKey.principal : key;
        algorithm = algorithm == null ? Algorithm.token_bucket : algorithm;
    }
}
