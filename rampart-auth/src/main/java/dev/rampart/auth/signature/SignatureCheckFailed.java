package dev.rampart.auth.signature;

/**
 * Carries a rejection out of the parsing and checking steps to the scheme's {@code verify}, which
 * turns it into its {@link Verdict}; it never reaches a caller. No stack trace: it is a normal
 * outcome, and a flood of forged requests should cost no more than the MAC.
 */
final class SignatureCheckFailed extends Exception {

    private final transient Verdict verdict;

    private SignatureCheckFailed(SignatureRejection reason, String message) {
        super(message, null, false, false);
        this.verdict = Verdict.rejected(reason, message);
    }

    static SignatureCheckFailed of(SignatureRejection reason, String message) {
        return new SignatureCheckFailed(reason, message);
    }

    static SignatureCheckFailed malformed(String message) {
        return new SignatureCheckFailed(SignatureRejection.MALFORMED_SIGNATURE, message);
    }

    static SignatureCheckFailed missing(String header) {
        return new SignatureCheckFailed(SignatureRejection.MISSING_SIGNATURE, header + " is absent");
    }

    Verdict verdict() {
        return verdict;
    }
}
