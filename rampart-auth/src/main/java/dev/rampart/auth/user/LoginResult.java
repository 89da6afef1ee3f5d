package dev.rampart.auth.user;

import dev.rampart.auth.lockout.LoginOutcome;
import dev.rampart.core.Principal;
import dev.rampart.core.SecurityEvent;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How a login ended. On success, the user's {@link Principal}; on failure, the reason for the log.
 * {@link #event()} is the {@code authentication.succeeded} or {@code authentication.failed} event
 * for the caller to publish; it holds the account and the reason, never the password or code.
 */
public record LoginResult(Optional<Principal> principal, Optional<LoginFailure> failure,
        Optional<Instant> lockedUntil, SecurityEvent event) {

    public LoginResult {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(lockedUntil, "lockedUntil");
        Objects.requireNonNull(event, "event");
        if (principal.isPresent() == failure.isPresent()) {
            throw new IllegalArgumentException("a login result has either a principal or a failure");
        }
    }

    public boolean succeeded() {
        return principal.isPresent();
    }

    /**
     * The text for the client: empty on success, and the one generic message for every failure, so
     * the answer does not tell which accounts exist or are locked.
     */
    public String clientMessage() {
        return succeeded() ? "" : LoginOutcome.GENERIC_FAILURE;
    }
}
