package dev.rampart.auth.lockout;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What is remembered of one key (an account or a client address): consecutive failures, when the
 * last one happened, until when logins are refused, how many temporary lockouts there were, and
 * whether the lock is permanent.
 */
public record LockoutState(int failures, Optional<Instant> lastFailure, Optional<Instant> lockedUntil,
        int temporaryLockouts, boolean permanentlyLocked) {

    public static final LockoutState CLEAR = new LockoutState(0, Optional.empty(), Optional.empty(), 0, false);

    public LockoutState {
        Objects.requireNonNull(lastFailure, "lastFailure");
        Objects.requireNonNull(lockedUntil, "lockedUntil");
    }

    boolean lockedAt(Instant now) {
        return permanentlyLocked || lockedUntil.filter(now::isBefore).isPresent();
    }
}
