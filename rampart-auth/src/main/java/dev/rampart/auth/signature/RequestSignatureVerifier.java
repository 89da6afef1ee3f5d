package dev.rampart.auth.signature;

/**
 * Decides whether a request was signed by a holder of one of the configured secrets. Implementations
 * are thread-safe, never throw on request content (a malformed header is a {@link Verdict} like any
 * other), and never modify the body.
 */
public interface RequestSignatureVerifier {

    Verdict verify(SignedRequest request);
}
