package dev.rampart.auth.signature;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link RequestSignatureVerifier#verify}: accepted, or rejected with a stable
 * {@link SignatureRejection} and a message that is safe to log. Messages name the header and what was
 * wrong with it; they never contain a secret, an expected MAC or the received header value.
 */
public final class Verdict {

    private static final Verdict ACCEPTED = new Verdict(null, "signature verified");

    private final SignatureRejection rejection;
    private final String message;

    private Verdict(SignatureRejection rejection, String message) {
        this.rejection = rejection;
        this.message = message;
    }

    public static Verdict accepted() {
        return ACCEPTED;
    }

    public static Verdict rejected(SignatureRejection reason, String message) {
        return new Verdict(Objects.requireNonNull(reason, "reason"), Objects.requireNonNull(message, "message"));
    }

    public boolean isAccepted() {
        return rejection == null;
    }

    /** Empty when accepted. */
    public Optional<SignatureRejection> rejection() {
        return Optional.ofNullable(rejection);
    }

    public String message() {
        return message;
    }

    @Override
    public String toString() {
        return isAccepted() ? "Verdict[accepted]" : "Verdict[" + rejection.code() + ": " + message + "]";
    }
}
