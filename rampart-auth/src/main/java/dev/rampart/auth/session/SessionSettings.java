package dev.rampart.auth.session;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a console session lives.
 *
 * @param idleTimeout ends a session unused this long (OWASP: 15–30 min for high-value applications)
 * @param absoluteTimeout ends a session this long after login, however active, so a stolen cookie
 *     does not work forever
 */
public record SessionSettings(Duration idleTimeout, Duration absoluteTimeout) {

    /** 30 minutes idle, 12 hours absolute: a working day at the console with one login. */
    public static final SessionSettings DEFAULT = new SessionSettings(Duration.ofMinutes(30), Duration.ofHours(12));

    public SessionSettings {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(absoluteTimeout, "absoluteTimeout");
        if (idleTimeout.compareTo(Duration.ofMinutes(1)) < 0 || idleTimeout.compareTo(absoluteTimeout) > 0) {
            throw new IllegalArgumentException("the session idle timeout must be at least 1 minute and at most the "
                    + "absolute timeout (" + absoluteTimeout + "), got " + idleTimeout);
        }
        if (absoluteTimeout.compareTo(Duration.ofDays(30)) > 0) {
            throw new IllegalArgumentException("the session absolute timeout must be at most 30 days, got " + absoluteTimeout);
        }
    }
}
