package dev.rampart.ratelimit;

/**
 * An exact sliding-window limit for one key: at most {@code limit} accepted requests in any
 * interval of length {@code window}.
 *
 * <p>Algorithm (a sliding log): the times of the last {@code limit} accepted requests are kept in
 * a ring, oldest first. A request at time {@code now} is accepted when fewer than {@code limit} are
 * kept, or when the oldest kept one is at least {@code window} old (then it leaves the window and
 * the new time takes its slot). So no window-long interval ever holds more than {@code limit}
 * accepted requests, and a refused client knows exactly when the next slot frees: when the oldest
 * kept time turns {@code window} old. Each check is O(1), the remaining count O(log limit); memory
 * is 8 bytes per unit of limit, which is why the config caps sliding-window limits (token buckets,
 * which approximate this with O(1) memory, have no cap).
 *
 * <p>Thread-safe; times are nanoseconds on one monotonic scale.
 */
public final class SlidingWindowLog {

    private final long[] acceptedAt;
    private final long windowNanos;
    private int oldest;
    private int size;

    public SlidingWindowLog(int limit, long windowNanos) {
        if (limit < 1 || windowNanos < 1) {
            throw new IllegalArgumentException("a sliding window needs limit >= 1 and a positive window");
        }
        this.acceptedAt = new long[limit];
        this.windowNanos = windowNanos;
    }

    /** Counts a request at {@code now} when the window has room; false (nothing counted) otherwise. */
    public synchronized boolean tryAcquire(long now) {
        int limit = acceptedAt.length;
        if (size < limit) {
            acceptedAt[(oldest + size) % limit] = now;
            size++;
            return true;
        }
        if (now - acceptedAt[oldest] < windowNanos) {
            return false;
        }
        acceptedAt[oldest] = now;
        oldest = (oldest + 1) % limit;
        return true;
    }

    /** Takes back the latest accepted request, when a request counted here was refused by another limit. */
    public synchronized void undo() {
        if (size > 0) {
            size--;
        }
    }

    /** Requests that may still be accepted at {@code now}. */
    public synchronized long remaining(long now) {
        return acceptedAt.length - countWithin(now);
    }

    /** Nanoseconds from {@code now} until one more request would be accepted; 0 when one would be now. */
    public synchronized long nanosUntilNextSlot(long now) {
        if (size < acceptedAt.length) {
            return 0;
        }
        return Math.max(0, acceptedAt[oldest] + windowNanos - now);
    }

    /** Nanoseconds from {@code now} until every counted request has left the window (full allowance again). */
    public synchronized long nanosUntilEmpty(long now) {
        if (size == 0) {
            return 0;
        }
        long newest = acceptedAt[(oldest + size - 1) % acceptedAt.length];
        return Math.max(0, newest + windowNanos - now);
    }

    /** Whether the window is full at {@code now}: {@code limit} requests within the last window. */
    public synchronized boolean isFull(long now) {
        return countWithin(now) == acceptedAt.length;
    }

    /** Forgets every counted request. */
    public synchronized void clear() {
        size = 0;
    }

    // times are ascending from `oldest`: binary search for the first one still inside the window
    private int countWithin(long now) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (now - acceptedAt[(oldest + mid) % acceptedAt.length] >= windowNanos) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return size - lo;
    }
}
