package dev.rampart.auth.jwt;

import java.util.Objects;

/**
 * A token was not accepted. {@link #reason()} is stable and machine-readable; the message is safe
 * to log: it names the check that failed and never contains the token, a signature or key material.
 */
public final class JwtRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final RejectionReason reason;

    public JwtRejectedException(RejectionReason reason, String message) {
        super(Objects.requireNonNull(reason, "reason") + ": " + message, null, false, false);
        this.reason = reason;
    }

    public RejectionReason reason() {
        return reason;
    }
}
