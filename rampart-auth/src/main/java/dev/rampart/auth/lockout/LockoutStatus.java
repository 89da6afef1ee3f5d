package dev.rampart.auth.lockout;

import java.time.Instant;
import java.util.Optional;

/**
 * Whether a key may attempt a login now. For the audit log and the administrator; never show it to
 * the client (see {@link LoginOutcome}).
 */
public record LockoutStatus(boolean locked, Optional<Instant> lockedUntil, boolean permanent) {

    static final LockoutStatus OPEN = new LockoutStatus(false, Optional.empty(), false);

    static LockoutStatus of(LockoutState state, Instant now) {
        if (state.permanentlyLocked()) {
            return new LockoutStatus(true, Optional.empty(), true);
        }
        return state.lockedAt(now) ? new LockoutStatus(true, state.lockedUntil(), false) : OPEN;
    }
}
