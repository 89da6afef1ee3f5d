package dev.rampart.auth.totp;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * The shared key of one enrolled authenticator. Persist it with {@link #toBase32()} — encrypted, as a
 * stolen secret lets anyone make valid codes (use rampart-crypto's secrets store) — and read it back
 * with {@link #fromBase32}. {@link #toString()} never shows it.
 */
public final class TotpSecret {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** RFC 4226 §4 R6: the shared secret MUST be at least 128 bits. */
    static final int MIN_LENGTH = 16;

    private final byte[] key;

    private TotpSecret(byte[] key) {
        if (key.length < MIN_LENGTH) {
            throw new IllegalArgumentException("a TOTP secret must have at least " + MIN_LENGTH
                    + " bytes (RFC 4226 §4), got " + key.length);
        }
        this.key = key;
    }

    /** A new random secret as long as the algorithm's HMAC output: 20 bytes for SHA-1. */
    public static TotpSecret generate(TotpAlgorithm algorithm) {
        byte[] key = new byte[algorithm.keyLength()];
        RANDOM.nextBytes(key);
        return new TotpSecret(key);
    }

    public static TotpSecret fromBase32(String base32) {
        return new TotpSecret(Base32.decode(Objects.requireNonNull(base32, "base32")));
    }

    static TotpSecret of(byte[] key) {
        return new TotpSecret(key.clone());
    }

    /** RFC 4648 base32 without padding, the form of the otpauth URI's {@code secret=} parameter. */
    public String toBase32() {
        return Base32.encode(key);
    }

    byte[] key() {
        return key;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TotpSecret other && java.security.MessageDigest.isEqual(key, other.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "TotpSecret[" + key.length + " bytes]";
    }
}
