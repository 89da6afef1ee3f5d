package dev.rampart.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rampart.ratelimit.internal.ClockTimeMeter;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Limiter state in this process's memory, bounded: at most {@code maxKeys} buckets and as many
 * sliding windows, the least recently used forgotten beyond that, and each forgotten once idle
 * for the longest window of any limit (see {@link #keepIdleKeysFor}): a bucket idle that long has
 * refilled completely, a log that long is empty, so forgetting them changes no decision. One idle
 * time for all keys, rather than each key's own window, keeps Caffeine on its cheapest expiry
 * policy (an access-ordered list, no timer wheel), which matters when many keys are active.
 * In-flight counters are kept exactly while non-zero and dropped at zero, so they need no bound
 * beyond the requests in progress.
 */
public final class InMemoryLimiterState implements LimiterState {

    private static final Duration INITIAL_IDLE = Duration.ofSeconds(1);

    private final TimeMeter timeMeter;
    private final Cache<String, Bucket> buckets;
    private final Cache<String, SlidingWindowLog> windows;
    private final ConcurrentHashMap<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private Duration idle = INITIAL_IDLE;

    public InMemoryLimiterState(int maxKeys, Clock clock) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("rate-limits.max-keys is " + maxKeys + "; it must be at least 1 (default 100000)");
        }
        this.timeMeter = new ClockTimeMeter(clock);
        this.buckets = bounded(maxKeys, timeMeter);
        this.windows = bounded(maxKeys, timeMeter);
    }

    private static <T> Cache<String, T> bounded(int maxKeys, TimeMeter time) {
        return Caffeine.newBuilder()
                // Caffeine's upkeep (replaying reads into its access order, evicting) runs on the calling
                // thread once its read buffer fills, instead of being handed to the common pool: the hand-off
                // wakes a pool thread (a futex call) every few checks, which profiled as the largest single
                // cost of a check; the upkeep itself is a few hundred nanoseconds per buffer, amortised
                .executor(Runnable::run)
                .maximumSize(maxKeys)
                .ticker(time::currentTimeNanos)
                .expireAfterAccess(INITIAL_IDLE)
                .build();
    }

    /** Lengthens the idle time after which keys are forgotten to {@code longestWindow}, never shortens it. */
    @Override
    public synchronized void keepIdleKeysFor(Duration longestWindow) {
        if (longestWindow.compareTo(idle) > 0) {
            idle = longestWindow;
            buckets.policy().expireAfterAccess().ifPresent(p -> p.setExpiresAfter(longestWindow));
            windows.policy().expireAfterAccess().ifPresent(p -> p.setExpiresAfter(longestWindow));
        }
    }

    @Override
    public Bucket bucket(String key, BucketConfiguration configuration) {
        // the common case, a known key, without allocating the capturing mapping function of get(key, f)
        Bucket known = buckets.getIfPresent(key);
        return known != null ? known : buckets.get(key, k -> newBucket(configuration));
    }

    private Bucket newBucket(BucketConfiguration configuration) {
        LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(timeMeter);
        for (Bandwidth bandwidth : configuration.getBandwidths()) {
            builder.addLimit(bandwidth);
        }
        return builder.build();
    }

    @Override
    public SlidingWindowLog slidingWindow(String key, int limit, long windowNanos) {
        SlidingWindowLog known = windows.getIfPresent(key);
        return known != null ? known : windows.get(key, k -> new SlidingWindowLog(limit, windowNanos));
    }

    /** Buckets and sliding windows held now, after forgetting what is due; for metrics and tests. */
    public long heldKeys() {
        buckets.cleanUp();
        windows.cleanUp();
        return buckets.estimatedSize() + windows.estimatedSize();
    }

    @Override
    public boolean tryEnter(String key, int max) {
        boolean[] entered = new boolean[1];
        inFlight.compute(key, (k, count) -> {
            AtomicInteger c = count == null ? new AtomicInteger() : count;
            if (c.get() < max) {
                c.incrementAndGet();
                entered[0] = true;
            }
            return c.get() == 0 ? null : c;
        });
        return entered[0];
    }

    @Override
    public void exit(String key) {
        inFlight.computeIfPresent(key, (k, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    @Override
    public int inFlight(String key) {
        AtomicInteger count = inFlight.get(key);
        return count == null ? 0 : count.get();
    }
}
