package dev.rampart.crypto;

import java.util.List;

/**
 * Artifact verification failed: the message names every problem; the lists say which files.
 * A manifest whose signature does not verify (or whose signer is not trusted) has empty lists:
 * nothing in it can be believed.
 */
public final class ArtifactVerificationException extends RuntimeException {

    private final List<String> mismatched;
    private final List<String> missing;
    private final List<String> extra;

    ArtifactVerificationException(String message, List<String> mismatched, List<String> missing, List<String> extra) {
        super(message);
        this.mismatched = List.copyOf(mismatched);
        this.missing = List.copyOf(missing);
        this.extra = List.copyOf(extra);
    }

    /** Files whose SHA-256 differs from the manifest's. */
    public List<String> mismatched() {
        return mismatched;
    }

    /** Files in the manifest that are not there. */
    public List<String> missing() {
        return missing;
    }

    /** Files in the directory that the manifest does not list. */
    public List<String> extra() {
        return extra;
    }
}
