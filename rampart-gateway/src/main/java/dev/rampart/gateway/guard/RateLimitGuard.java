package dev.rampart.gateway.guard;

import dev.rampart.core.Decision;
import dev.rampart.core.Exchange;
import dev.rampart.core.Guard;
import dev.rampart.core.SecurityEvent;
import dev.rampart.ratelimit.KeyFallback;
import dev.rampart.ratelimit.Permit;
import dev.rampart.ratelimit.RateLimitOutcome;
import dev.rampart.ratelimit.RateLimitRequest;
import dev.rampart.ratelimit.RouteLimiter;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * A route's rate limits, quotas and concurrency limits ({@code rate-limit}, rampart-ratelimit),
 * after authentication so that limits keyed by principal or plan see the caller. An allowed
 * request gets the IETF {@code RateLimit} / {@code RateLimit-Policy} headers on its response and
 * holds its concurrency slots until the exchange completes; a limited one is answered 429 with
 * {@code Retry-After} and a {@code rate-limit.exceeded} event. A limit keyed by an expression that
 * failed or yielded nothing counts the request by client IP and is reported as a
 * {@code rate-limit.key-fallback} event (LOW; details {@code limits}, {@code reason}). Never blocks:
 * every check is in memory.
 */
public final class RateLimitGuard implements Guard {

    /** The guard's name in config, metrics and events. */
    public static final String NAME = "rate-limit";
    /** The code of {@code rate-limit.key-fallback} events. */
    public static final String KEY_FALLBACK_CODE = "key-expression-fallback";

    private final RouteLimiter limiter;

    public RateLimitGuard(RouteLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CompletionStage<Decision> onRequest(Exchange exchange) {
        RateLimitOutcome outcome = limiter.check(RateLimitRequest.of(exchange));
        for (KeyFallback fallback : outcome.keyFallbacks()) {
            exchange.emit(NAME, "rate-limit.key-fallback", SecurityEvent.Severity.LOW, KEY_FALLBACK_CODE,
                    Map.of("limits", fallback.limits(), "reason", fallback.reason()));
        }
        if (!outcome.allowed()) {
            exchange.emit(NAME, "rate-limit.exceeded", SecurityEvent.Severity.LOW, RateLimitOutcome.CODE,
                    Map.of("limit", outcome.limitedBy(), "retry_after", Long.toString(outcome.retryAfterSeconds())));
            return outcome.denial().toStage();
        }
        outcome.addHeadersTo(exchange.responseHeaders());
        exchange.setAttribute(RateLimitOutcome.PERMIT, outcome.permit());
        return Decision.proceedStage();
    }

    @Override
    public void onComplete(Exchange exchange) {
        Permit permit = exchange.attribute(RateLimitOutcome.PERMIT);
        if (permit != null) {
            permit.release();   // idempotent
        }
    }
}
