package dev.rampart.ratelimit;

/**
 * A limit keyed by an expression that counted one request by client IP instead: the expression
 * failed or yielded nothing. The gateway reports each as a {@code rate-limit.key-fallback} event.
 *
 * @param limits the limit names (several when limits with the same key share a bucket), e.g. {@code per-tenant}
 * @param reason {@code empty value} or the evaluation error, e.g. {@code key 'org' is not present in map};
 *     never a request value
 */
public record KeyFallback(String limits, String reason) {
}
