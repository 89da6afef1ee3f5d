package dev.rampart.ratelimit;

import dev.rampart.core.AttributeKey;
import dev.rampart.core.Decision;
import dev.rampart.core.Headers;
import java.util.List;

/**
 * The answer of a rate-limit check: allowed (holding a {@link Permit} to release on completion) or
 * limited (with the seconds to wait), and the IETF RateLimit header values
 * (draft-ietf-httpapi-ratelimit-headers) to send either way.
 *
 * <pre>{@code
 * RateLimitOutcome outcome = routeLimiter.check(RateLimitRequest.of(exchange));
 * if (!outcome.allowed()) {
 *     return outcome.denial().toStage();                  // 429, Retry-After, RateLimit, RateLimit-Policy
 * }
 * outcome.addHeadersTo(exchange.responseHeaders());
 * exchange.setAttribute(RateLimitOutcome.PERMIT, outcome.permit()); // release when the exchange ends
 * }</pre>
 */
public final class RateLimitOutcome {

    /** Where a guard keeps the permit of an allowed request until the exchange completes. */
    public static final AttributeKey<Permit> PERMIT = AttributeKey.of("rate-limit.permit", Permit.class);

    /** The stable error code of a 429 answer. */
    public static final String CODE = "rate-limited";

    private final boolean allowed;
    private final String limitedBy;
    private final long retryAfterSeconds;
    private final List<PolicyStatus> policies;
    private final String policyHeader;
    private final Permit permit;
    private final List<KeyFallback> keyFallbacks;

    RateLimitOutcome(boolean allowed, String limitedBy, long retryAfterSeconds, List<PolicyStatus> policies,
            String policyHeader, Permit permit, List<KeyFallback> keyFallbacks) {
        this.allowed = allowed;
        this.limitedBy = limitedBy;
        this.retryAfterSeconds = retryAfterSeconds;
        this.policies = policies;
        this.policyHeader = policyHeader;
        this.permit = permit;
        this.keyFallbacks = keyFallbacks;
    }

    public boolean allowed() {
        return allowed;
    }

    /** The name of the limit, quota or concurrency limit that refused the request; null when allowed. */
    public String limitedBy() {
        return limitedBy;
    }

    /** Seconds until a retry can succeed as far as the refusing limit knows (at least 1); 0 when allowed. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The state of each quota policy checked, in order; a refused request lists those up to the refusing one. */
    public List<PolicyStatus> policies() {
        return policies;
    }

    /** Slots to release when the request completes; {@link Permit#NONE} when limited or under no concurrency limit. */
    public Permit permit() {
        return permit;
    }

    /**
     * Limits keyed by an expression that counted this request by client IP because the expression
     * failed or yielded nothing; usually empty. The gateway emits a {@code rate-limit.key-fallback} event for each.
     */
    public List<KeyFallback> keyFallbacks() {
        return keyFallbacks;
    }

    /** The {@code RateLimit-Policy} value, e.g. {@code "burst";q=10;w=1, "hourly";q=1000;w=3600}; empty when no policy applies. */
    public String policyHeaderValue() {
        return policyHeader;
    }

    /** The {@code RateLimit} value, e.g. {@code "burst";r=3;t=1, "hourly";r=997;t=11}; empty when no policy applies. */
    public String rateLimitHeaderValue() {
        StringBuilder out = new StringBuilder(24 * policies.size());
        for (PolicyStatus p : policies) {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append('"').append(p.name()).append("\";r=").append(p.remaining()).append(";t=").append(p.resetSeconds());
        }
        return out.toString();
    }

    /** Adds {@code RateLimit-Policy} and {@code RateLimit} (and {@code Retry-After} when limited), when there are policies. */
    public void addHeadersTo(Headers headers) {
        if (!policyHeader.isEmpty()) {
            headers.set("RateLimit-Policy", policyHeader);
            headers.set("RateLimit", rateLimitHeaderValue());
        }
        if (!allowed) {
            headers.set("Retry-After", Long.toString(retryAfterSeconds));
        }
    }

    /**
     * The 429 answer of a limited request (RFC 6585 §4), with {@code Retry-After} (RFC 9110 §10.2.3)
     * and the RateLimit fields.
     *
     * @throws IllegalStateException when the request was allowed
     */
    public Decision denial() {
        if (allowed) {
            throw new IllegalStateException("the request was allowed; there is no denial to send");
        }
        Decision decision = Decision.deny(429, CODE, "Too many requests (" + limitedBy + "); retry after "
                + retryAfterSeconds + " s.").withHeader("Retry-After", Long.toString(retryAfterSeconds));
        if (!policyHeader.isEmpty()) {
            decision = decision.withHeader("RateLimit-Policy", policyHeader).withHeader("RateLimit", rateLimitHeaderValue());
        }
        return decision;
    }

    @Override
    public String toString() {
        return allowed ? "RateLimitOutcome[allowed]" : "RateLimitOutcome[limited by " + limitedBy + ", retry after " + retryAfterSeconds + " s]";
    }
}
