package dev.rampart.auth.signature;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * {@link ReplayGuard} for one process: thread-safe, bounded to {@code capacity} unexpired entries,
 * each forgotten after its expiry.
 *
 * <p>When full it refuses new keys rather than evicting live ones: evicting would let whoever can fill
 * the guard replay what it pushed out. Only requests whose signature already verified are recorded,
 * so only a holder of the secret can fill it; size it above the signed requests expected within one
 * tolerance window.
 */
public final class InMemoryReplayGuard implements ReplayGuard {

    /** About 10 MB of keys; 330 signed requests a second sustained over a 5-minute window. */
    public static final int DEFAULT_CAPACITY = 100_000;

    private final ConcurrentMap<String, Instant> expiries = new ConcurrentHashMap<>();
    private final int capacity;
    private final Clock clock;

    public InMemoryReplayGuard(Clock clock) {
        this(DEFAULT_CAPACITY, clock);
    }

    public InMemoryReplayGuard(int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public boolean firstSeen(String key, Instant expiresAt) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Instant now = clock.instant();
        if (expiries.size() >= capacity && !expiries.containsKey(key)) {
            forgetExpired(now);
            if (expiries.size() >= capacity) {
                return false;
            }
        }
        boolean[] first = {false};
        expiries.compute(key, (k, recordedUntil) -> {
            if (recordedUntil != null && recordedUntil.isAfter(now)) {
                return recordedUntil;
            }
            first[0] = true;
            return expiresAt;
        });
        return first[0];
    }

    /** Unexpired entries held now. */
    public int size() {
        forgetExpired(clock.instant());
        return expiries.size();
    }

    private void forgetExpired(Instant now) {
        expiries.entrySet().removeIf(e -> !e.getValue().isAfter(now));
    }
}
