package dev.rampart.auth.signature;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The keys a scheme's builder collects: one, or several while a secret is rotated. */
final class SigningKeys {

    private final List<HmacKey> keys = new ArrayList<>();

    void add(HmacKey key) {
        keys.add(Objects.requireNonNull(key, "key"));
    }

    List<HmacKey> build(String scheme) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(scheme + " needs at least one key: call key(HmacKey)");
        }
        return List.copyOf(keys);
    }
}
