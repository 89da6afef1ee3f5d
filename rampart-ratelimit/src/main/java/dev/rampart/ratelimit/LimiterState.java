package dev.rampart.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;

/**
 * Where the per-key counters of rate and concurrency limits live. {@link InMemoryLimiterState} is
 * the default (one process); a cluster backend keeps them in Redis, for buckets through Bucket4j's
 * Lettuce {@code ProxyManager}, whose {@code builder().build(key, () -> configuration)} returns a
 * {@link Bucket} just as {@link #bucket} must. Implementations are thread-safe and never block the
 * caller for I/O longer than the backend's own command timeout.
 */
public interface LimiterState {

    /**
     * Keys idle at least this long may be forgotten (their allowance would be full again anyway);
     * called with the longest window of the limits compiled at each config load. A backend may
     * keep keys longer (a Redis TTL), never shorter.
     */
    void keepIdleKeysFor(Duration longestWindow);

    /**
     * The token bucket of {@code key}, created with {@code configuration} on first use. The same key
     * is always asked for with the same configuration (the key names the limits it holds).
     */
    Bucket bucket(String key, BucketConfiguration configuration);

    /** The sliding-window log of {@code key}, created with {@code limit} and {@code windowNanos} on first use. */
    SlidingWindowLog slidingWindow(String key, int limit, long windowNanos);

    /**
     * Counts one more request in progress for {@code key} when fewer than {@code max} are.
     *
     * @return false, counting nothing, when {@code max} are already in progress
     */
    boolean tryEnter(String key, int max);

    /** Counts one request of {@code key} as finished; called exactly once per successful {@link #tryEnter}. */
    void exit(String key);

    /** Requests of {@code key} now in progress. */
    int inFlight(String key);
}
