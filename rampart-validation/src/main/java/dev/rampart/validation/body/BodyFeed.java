package dev.rampart.validation.body;

import dev.rampart.validation.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A body check fed chunk by chunk as the body arrives: {@link #feed} answers the first violation
 * the chunk makes (null: none so far), {@link #finish} what only the end can tell.
 */
public interface BodyFeed {

    /** Checks the next {@code length} bytes of the body; the first violation, or null. */
    Violation feed(byte[] chunk, int offset, int length);

    /** Checks that the body ended well; the violation, or null. */
    Violation finish();

    /**
     * Reads {@code body} to its end or its first violation through {@code feed}, 16 KiB at a time,
     * so a buffered body gets exactly the answer a streamed one does; null when it is acceptable.
     */
    static Violation scan(InputStream body, BodyFeed feed, String what) {
        byte[] chunk = new byte[16 * 1024];
        try (InputStream in = body) {
            int n;
            while ((n = in.read(chunk)) >= 0) {
                Violation v = feed.feed(chunk, 0, n);
                if (v != null) {
                    return v;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the " + what + " body failed", e);
        }
        return feed.finish();
    }
}
