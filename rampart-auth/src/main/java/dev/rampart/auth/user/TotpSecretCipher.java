package dev.rampart.auth.user;

import com.google.crypto.tink.subtle.AesGcmJce;
import dev.rampart.auth.totp.TotpSecret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * Encrypts TOTP secrets for the users table with AES-256-GCM (Tink), the user id as associated
 * data: unlike a password, the verifier needs the secret itself, so a copy of the database must not
 * be enough to generate a user's codes, and a ciphertext moved to another user's row does not decrypt.
 */
final class TotpSecretCipher {

    static final int KEY_BYTES = 32;

    private final AesGcmJce aead;

    TotpSecretCipher(byte[] key) {
        Objects.requireNonNull(key, "totpKey");
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("the TOTP secret encryption key has " + key.length
                    + " bytes; it needs exactly " + KEY_BYTES + " random bytes (AES-256, e.g. `openssl rand -base64 32`)");
        }
        try {
            this.aead = new AesGcmJce(key.clone());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is required of every Java runtime", e);
        }
    }

    byte[] encrypt(String userId, TotpSecret secret) {
        try {
            return aead.encrypt(secret.toBase32().getBytes(StandardCharsets.US_ASCII), aad(userId));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt the TOTP secret of user " + userId, e);
        }
    }

    TotpSecret decrypt(String userId, byte[] ciphertext) {
        try {
            return TotpSecret.fromBase32(new String(aead.decrypt(ciphertext, aad(userId)), StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt the TOTP secret of user " + userId
                    + ": the TOTP encryption key differs from the one it was stored with, or the row was altered", e);
        }
    }

    private static byte[] aad(String userId) {
        return ("rampart-totp:" + userId).getBytes(StandardCharsets.UTF_8);
    }
}
