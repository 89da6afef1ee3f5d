package dev.rampart.auth.lockout;

import java.util.Optional;
import java.time.Instant;

/**
 * How a login attempt ended, with two faces. {@link #clientMessage()} is what the gateway answers,
 * and it is the same text for an unknown user, a wrong password, a wrong second factor and a locked
 * account: any difference (message, status code, a Retry-After only for locked accounts) tells an
 * attacker which user names exist (OWASP ASVS V2.2, "account enumeration"). {@link #reason()} and
 * {@link #lockedUntil()} are for the audit log and the administrator only.
 */
public record LoginOutcome(boolean succeeded, Reason reason, Optional<Instant> lockedUntil) {

    /** The one message every failed login gets. */
    public static final String GENERIC_FAILURE = "Invalid username or password.";

    public enum Reason {
        SUCCEEDED,
        /** Unknown user, wrong password or wrong code: deliberately not told apart. */
        INVALID_CREDENTIALS,
        ACCOUNT_LOCKED,
        ACCOUNT_PERMANENTLY_LOCKED,
        CLIENT_LOCKED
    }

    static final LoginOutcome SUCCESS = new LoginOutcome(true, Reason.SUCCEEDED, Optional.empty());
    static final LoginOutcome INVALID = new LoginOutcome(false, Reason.INVALID_CREDENTIALS, Optional.empty());

    /** The text to show the client: empty on success, {@link #GENERIC_FAILURE} on any failure. */
    public String clientMessage() {
        return succeeded ? "" : GENERIC_FAILURE;
    }
}
