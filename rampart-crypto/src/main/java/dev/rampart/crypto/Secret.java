package dev.rampart.crypto;

import java.time.Instant;
import java.util.Map;
import java.util.TreeSet;

/**
 * One version of a secret, decrypted.
 *
 * @param path where it is stored, e.g. {@code db/orders}
 * @param version its version (1, 2, …)
 * @param data its key/value pairs
 * @param createdAt when this version was written
 * @param expiresAt when it stops being readable (its TTL), or null
 */
public record Secret(String path, int version, Map<String, String> data, Instant createdAt, Instant expiresAt) {

    public Secret {
        data = Map.copyOf(data);
    }

    /** Names the keys, never the values, so a logged secret leaks nothing. */
    @Override
    public String toString() {
        return "Secret[path=" + path + ", version=" + version + ", keys=" + new TreeSet<>(data.keySet()) + "]";
    }
}
