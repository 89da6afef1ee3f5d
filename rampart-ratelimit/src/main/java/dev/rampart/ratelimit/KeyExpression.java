package dev.rampart.ratelimit;

/**
 * The key of a limit written as an expression ({@code key: expression}): each distinct value it
 * yields gets its own allowance. This module evaluates no expression language itself; whoever
 * creates the {@link RateLimiter} passes a {@link Compiler} (the gateway's compiles CEL with the
 * variables of policy conditions, in rampart-policy). Compiled once per config load; evaluated per
 * request, on the event loop, so it must be CPU only and thread-safe.
 *
 * <p>A value that is null or empty, and an evaluation that throws, count the request by client IP
 * instead (as every key with a missing value does) and are reported in
 * {@link RateLimitOutcome#keyFallbacks()}.
 */
@FunctionalInterface
public interface KeyExpression {

    /**
     * The value to count {@code request} by; null or empty when it has none.
     *
     * @throws RuntimeException when the expression cannot be evaluated on this request (e.g. a
     *     missing map key); its message says why and holds no request value
     */
    String evaluate(RateLimitRequest request);

    /** Compiles key expressions at config load. */
    @FunctionalInterface
    interface Compiler {

        /**
         * @param path the expression's config path, e.g. {@code routes[0].rate-limit.limits[1].expression}
         * @throws IllegalArgumentException starting with {@code path}: what is wrong and where in the expression
         */
        KeyExpression compile(String expression, String path);
    }
}
