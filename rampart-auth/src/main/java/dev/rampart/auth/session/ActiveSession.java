package dev.rampart.auth.session;

import java.time.Instant;
import java.util.Objects;

/**
 * A valid session: whose it is and when it ends. The session id is not part of it (only the
 * cookie holds that).
 *
 * @param expiresAt the earlier of the idle and the absolute deadline, as of the last use
 */
public record ActiveSession(String userId, Instant createdAt, Instant lastSeenAt, Instant expiresAt) {

    public ActiveSession {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
