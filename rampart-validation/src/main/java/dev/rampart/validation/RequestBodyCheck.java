package dev.rampart.validation;

import dev.rampart.validation.operation.StreamedBody;

/**
 * A request body checked while it arrives, from {@link RequestValidator#bodyCheck}: each chunk is
 * fed as it comes, and the first one that breaks a JSON, XML or multipart limit (depth, keys, array
 * length, string length, duplicate key, DTD, parts, part size, file name, size) refuses the
 * request there, so a hostile body is never held whole. Once the body is complete,
 * {@link #finish} checks what needs all of it: that it ended well-formed and, for JSON, its schema,
 * on the tree built in the same pass (the body is parsed once).
 *
 * <p>The violations and statuses are the ones {@link RequestValidator#validate} reports for the same
 * body. Not thread-safe: one per request.
 */
public final class RequestBodyCheck {

    private final StreamedBody body;
    private ValidationResult refused;

    RequestBodyCheck(StreamedBody body) {
        this.body = body;
    }

    /**
     * Feeds the next {@code length} bytes of the body (the array may be reused once this returns).
     *
     * @return null to go on, or the refusal (400 or 413) at the first violation; the same refusal on later calls
     */
    public ValidationResult feed(byte[] chunk, int offset, int length) {
        if (refused == null) {
            Violation v = body.feed(chunk, offset, length);
            if (v != null) {
                refused = ValidationResult.ofRequest(java.util.List.of(v));
            }
        }
        return refused;
    }

    /** The body is complete: the result for it (limits, well-formedness, JSON schema). */
    public ValidationResult finish() {
        return refused != null ? refused : ValidationResult.ofRequest(body.finish());
    }

    /** Bytes fed so far. */
    public long bytesRead() {
        return body.bytesRead();
    }
}
