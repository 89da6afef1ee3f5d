package dev.rampart.ratelimit;

import dev.rampart.ratelimit.LimitSet.BucketGroup;
import dev.rampart.ratelimit.LimitSet.Concurrency;
import dev.rampart.ratelimit.LimitSet.Quota;
import dev.rampart.ratelimit.LimitSet.Window;
import dev.rampart.ratelimit.internal.CalendarPeriods.Interval;
import dev.rampart.ratelimit.internal.KeySelector;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketState;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.VerboseResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The rate limiting of one route: its own limits and, unless switched off, the caller's plan,
 * checked together. Thread-safe; never blocks (in-memory state).
 *
 * <p>All or nothing: a request is counted against every limit or none. Token-bucket limits that
 * count by the same key share one bucket, whose limits Bucket4j consumes atomically; across
 * buckets, windows, quotas and concurrency limits, a refusal takes back what the request had
 * already taken. Until it does, a concurrent request may see one token fewer than it would have:
 * the error is on the safe side.
 */
public final class RouteLimiter {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final RateLimiter limiter;
    private final String routeId;
    private final LimitSet own;
    private final boolean applyPlan;

    RouteLimiter(RateLimiter limiter, String routeId, LimitSet own, boolean applyPlan) {
        this.limiter = limiter;
        this.routeId = routeId;
        this.own = own;
        this.applyPlan = applyPlan;
    }

    /** Checks and counts one request; an allowed request's {@link RateLimitOutcome#permit()} must be released when it completes. */
    public RateLimitOutcome check(RateLimitRequest request) {
        LimitSet plan = applyPlan ? limiter.planOf(request.principal()) : null;
        String policyHeader = plan == null || plan.policyHeader.isEmpty() ? own.policyHeader
                : own.policyHeader.isEmpty() ? plan.policyHeader : own.policyHeader + ", " + plan.policyHeader;
        Attempt attempt = new Attempt(request);
        if (attempt.take(own) && (plan == null || attempt.take(plan))) {
            return new RateLimitOutcome(true, null, 0, Collections.unmodifiableList(attempt.statuses), policyHeader,
                    attempt.permit(), attempt.fallbacks());
        }
        attempt.undo();
        return new RateLimitOutcome(false, attempt.limitedBy, Math.max(1, ceilSeconds(attempt.retryAfterNanos)),
                Collections.unmodifiableList(attempt.statuses), policyHeader, Permit.NONE, attempt.fallbacks());
    }

    public String routeId() {
        return routeId;
    }

    /** One request going through the limits, remembering what it took so that a refusal can give it back. */
    private final class Attempt implements KeySelector.Fallbacks {
        private final RateLimitRequest request;
        private final LimiterState state = limiter.state();
        private long nowNanos = Long.MIN_VALUE;   // read from the clock when first needed: token buckets keep their own time
        private final List<PolicyStatus> statuses = new ArrayList<>(4);
        // what to give back on a refusal; most requests take from one bucket only, so a list only for the second on
        private Runnable firstTaken;
        private List<Runnable> takenLater;
        private List<String> entered;
        private List<KeyFallback> fallbacks;
        private String limitedBy;
        private long retryAfterNanos;

        Attempt(RateLimitRequest request) {
            this.request = request;
        }

        private long nowNanos() {
            if (nowNanos == Long.MIN_VALUE) {
                Instant now = limiter.clock().instant();
                nowNanos = now.getEpochSecond() * NANOS_PER_SECOND + now.getNano();
            }
            return nowNanos;
        }

        private void taken(Runnable giveBack) {
            if (firstTaken == null) {
                firstTaken = giveBack;
            } else {
                if (takenLater == null) {
                    takenLater = new ArrayList<>(4);
                }
                takenLater.add(giveBack);
            }
        }

        boolean take(LimitSet set) {
            for (BucketGroup group : set.buckets) {
                if (!takeToken(group)) {
                    return false;
                }
            }
            for (Window window : set.windows) {
                if (!takeWindowSlot(window)) {
                    return false;
                }
            }
            for (Quota quota : set.quotas) {
                if (!takeQuota(quota)) {
                    return false;
                }
            }
            for (Concurrency limit : set.concurrency) {
                String key = limit.key().qualified(limit.id(), request, routeId, limit.limit().name(), this);
                if (!state.tryEnter(key, limit.limit().maxInFlight())) {
                    return refuse(limit.limit().name(), NANOS_PER_SECOND);
                }
                if (entered == null) {
                    entered = new ArrayList<>(2);
                }
                entered.add(key);
            }
            return true;
        }

        private boolean takeToken(BucketGroup group) {
            Bucket bucket = state.bucket(group.key().qualified(group.id(), request, routeId, group.names(), this), group.configuration());
            VerboseResult<ConsumptionProbe> result = bucket.asVerbose().tryConsumeAndReturnRemaining(1);
            BucketState after = result.getState();
            String empty = null;
            for (int i = 0; i < group.limits().size(); i++) {
                var limit = group.limits().get(i);
                long capacity = limit.limit();
                long remaining = Math.max(0, after.getCurrentSize(i));
                // greedy refill: one token every window/limit, so the bucket is full after (capacity - remaining) of them
                long resetNanos = (long) ((double) (capacity - remaining) * limit.window().toNanos() / capacity);
                statuses.add(new PolicyStatus(limit.name(), capacity, limit.window().getSeconds(), remaining, ceilSeconds(resetNanos)));
                if (empty == null && remaining < 1) {
                    empty = limit.name();
                }
            }
            ConsumptionProbe probe = result.getValue();
            if (!probe.isConsumed()) {
                return refuse(empty, probe.getNanosToWaitForRefill());
            }
            taken(() -> bucket.addTokens(1));
            return true;
        }

        private boolean takeWindowSlot(Window window) {
            SlidingWindowLog log = state.slidingWindow(window.key().qualified(window.id(), request, routeId, window.limit().name(), this),
                    window.limit().limit().intValue(), window.windowNanos());
            long nowNanos = nowNanos();
            boolean acquired = log.tryAcquire(nowNanos);
            statuses.add(new PolicyStatus(window.limit().name(), window.limit().limit(), window.limit().window().getSeconds(),
                    log.remaining(nowNanos), ceilSeconds(log.nanosUntilEmpty(nowNanos))));
            if (!acquired) {
                return refuse(window.limit().name(), log.nanosUntilNextSlot(nowNanos));
            }
            taken(log::undo);
            return true;
        }

        private boolean takeQuota(Quota quota) {
            String subject = quota.key().select(request, routeId, quota.quota().name(), this);
            long limit = quota.quota().limit();
            QuotaLedger.Use use = limiter.quotas().tryConsume(quota.id(), subject, limit, quota.quota().period());
            Interval period = use.period();
            long untilEnd = (period.endMillis() - nowNanos() / 1_000_000) * 1_000_000;
            statuses.add(new PolicyStatus(quota.quota().name(), limit, quota.windowSeconds(),
                    Math.max(0, limit - use.used()), ceilSeconds(untilEnd)));
            if (!use.consumed()) {
                return refuse(quota.quota().name(), untilEnd);
            }
            taken(() -> limiter.quotas().refund(quota.id(), subject, period));
            return true;
        }

        @Override
        public void fellBack(String limits, String reason) {
            if (fallbacks == null) {
                fallbacks = new ArrayList<>(1);
            }
            fallbacks.add(new KeyFallback(limits, reason));
        }

        List<KeyFallback> fallbacks() {
            return fallbacks == null ? List.of() : Collections.unmodifiableList(fallbacks);
        }

        private boolean refuse(String limit, long retryNanos) {
            limitedBy = limit;
            retryAfterNanos = retryNanos;
            return false;
        }

        void undo() {
            if (takenLater != null) {
                for (int i = takenLater.size() - 1; i >= 0; i--) {
                    takenLater.get(i).run();
                }
            }
            if (firstTaken != null) {
                firstTaken.run();
            }
            if (entered != null) {
                entered.forEach(state::exit);
            }
        }

        Permit permit() {
            if (entered == null) {
                return Permit.NONE;
            }
            List<String> keys = entered;
            AtomicBoolean released = new AtomicBoolean();
            return () -> {
                if (released.compareAndSet(false, true)) {
                    keys.forEach(state::exit);
                }
            };
        }
    }

    private static long ceilSeconds(long nanos) {
        return nanos <= 0 ? 0 : (nanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
    }
}
