package dev.rampart.audit;

/** A Merkle inclusion or consistency proof, or a tree head, that does not verify; the message says which check failed. */
public final class InvalidProofException extends RuntimeException {

    public InvalidProofException(String message) {
        super(message);
    }
}
