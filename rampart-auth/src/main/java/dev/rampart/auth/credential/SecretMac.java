package dev.rampart.auth.credential;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 of credential secrets (API keys, OAuth2 client secrets) under the server secret.
 * Keyed, so a copy of the credential tables (a backup, an SQL injection elsewhere) cannot be
 * checked offline without the server secret too;
 * fast, because the secrets are 256-bit random values that no dictionary or brute force can reach
 * (a password hash such as Argon2id would only add latency to every request).
 */
public final class SecretMac {

    public static final String ALGORITHM = "HmacSHA256";
    /** RFC 2104 §3: a key shorter than the output (32 bytes) weakens the MAC. */
    public static final int MIN_SERVER_SECRET_BYTES = 32;

    private final SecretKeySpec key;

    public SecretMac(byte[] serverSecret) {
        Objects.requireNonNull(serverSecret, "serverSecret");
        if (serverSecret.length < MIN_SERVER_SECRET_BYTES) {
            throw new IllegalArgumentException("the credential server secret has " + serverSecret.length
                    + " bytes; it needs at least " + MIN_SERVER_SECRET_BYTES
                    + " random bytes (e.g. `openssl rand -base64 32`)");
        }
        this.key = new SecretKeySpec(serverSecret.clone(), ALGORITHM);
    }

    /** HMAC-SHA256 of {@code message} under the server secret. */
    public byte[] mac(byte[] message) {
        try {
            // a Mac is not thread-safe; one per call costs about a microsecond
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java runtime", e);
        }
    }

    public byte[] mac(String secret) {
        return mac(secret.getBytes(StandardCharsets.US_ASCII));
    }

    /** Compares in time independent of where the values differ, so timing reveals no prefix of a hash. */
    public static boolean sameHash(byte[] computed, byte[] stored) {
        return stored != null && MessageDigest.isEqual(computed, stored);
    }

    @Override
    public String toString() {
        return "SecretMac[HmacSHA256]";
    }
}
