package dev.rampart.auth.apikey;

import java.util.Objects;

/**
 * A presented string that is not a well-formed API key, with why: {@link ApiKeyRejection#MALFORMED}
 * or {@link ApiKeyRejection#BAD_CHECKSUM}. Never carries the presented text, so it can be logged.
 */
public record UnreadableApiKey(ApiKeyRejection reason) implements ParsedApiKey {

    public UnreadableApiKey {
        Objects.requireNonNull(reason, "reason");
        if (reason != ApiKeyRejection.MALFORMED && reason != ApiKeyRejection.BAD_CHECKSUM) {
            throw new IllegalArgumentException("a key is unreadable only when malformed or with a bad checksum, not " + reason);
        }
    }
}
