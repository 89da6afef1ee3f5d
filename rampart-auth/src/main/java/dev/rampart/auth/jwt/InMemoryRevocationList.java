package dev.rampart.auth.jwt;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A revocation list held in memory. Each entry carries an expiry, normally the revoked token's
 * {@code exp}: after that the token is rejected as expired anyway, so the entry is dropped and the
 * list does not grow without bound.
 */
public final class InMemoryRevocationList implements RevocationList {

    private final ConcurrentHashMap<String, Instant> revokedUntil = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemoryRevocationList() {
        this(Clock.systemUTC());
    }

    public InMemoryRevocationList(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Revokes {@code jti} until {@code until} (use the token's {@code exp}). */
    public void revoke(String jti, Instant until) {
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(until, "until");
        revokedUntil.merge(jti, until, (a, b) -> a.isAfter(b) ? a : b);
        purgeExpired();
    }

    @Override
    public boolean isRevoked(String jti) {
        Instant until = revokedUntil.get(jti);
        if (until == null) {
            return false;
        }
        if (!clock.instant().isBefore(until)) {
            revokedUntil.remove(jti, until);
            return false;
        }
        return true;
    }

    /** Number of entries not yet expired. */
    public int size() {
        purgeExpired();
        return revokedUntil.size();
    }

    private void purgeExpired() {
        Instant now = clock.instant();
        revokedUntil.values().removeIf(until -> !now.isBefore(until));
    }
}
