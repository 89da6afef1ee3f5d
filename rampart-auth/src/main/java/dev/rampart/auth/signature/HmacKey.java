package dev.rampart.auth.signature;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One shared HMAC secret. The bytes are copied in and never leave this package; {@link #toString()}
 * shows only the length, so a key in a log line or an exception message gives nothing away. Secrets
 * come from the config's {@code ${ENV}} and {@code ${file:…}} references, resolved before they get
 * here.
 */
public final class HmacKey {

    private final byte[] bytes;

    private HmacKey(byte[] bytes) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("an HMAC key must not be empty: an empty secret lets anyone sign");
        }
        this.bytes = bytes;
    }

    public static HmacKey of(byte[] secret) {
        return new HmacKey(Objects.requireNonNull(secret, "secret").clone());
    }

    /**
     * The UTF-8 bytes of a textual secret, as GitHub and Stripe use theirs: a Stripe {@code whsec_…}
     * secret is the key as written, prefix included.
     */
    public static HmacKey ofUtf8(String secret) {
        return new HmacKey(Objects.requireNonNull(secret, "secret").getBytes(StandardCharsets.UTF_8));
    }

    byte[] bytes() {
        return bytes;
    }

    @Override
    public String toString() {
        return "HmacKey[" + bytes.length + " bytes]";
    }
}
