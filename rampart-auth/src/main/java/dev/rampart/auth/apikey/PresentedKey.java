package dev.rampart.auth.apikey;

import java.util.Objects;

/**
 * A well-formed API key (prefix, lengths, alphabet and checksum all right), split into the key id
 * that selects the stored record and the secret that must match its hash. Well formed says nothing
 * about whether the key exists: {@link ApiKeys#authenticate} decides that.
 *
 * <p>{@link #toString()} shows the key id only: the secret must never reach a log line.
 */
public record PresentedKey(String keyId, String secret) implements ParsedApiKey {

    public PresentedKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return "PresentedKey[keyId=" + keyId + ", secret=***]";
    }
}
