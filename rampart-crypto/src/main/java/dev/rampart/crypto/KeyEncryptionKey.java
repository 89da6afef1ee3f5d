package dev.rampart.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.subtle.AesGcmJce;
import com.google.crypto.tink.subtle.Hkdf;
import com.google.crypto.tink.util.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The master key in use: an AES-256-GCM wrapping key and a key-check value, both derived from the
 * master key with HKDF-SHA256 (RFC 5869) under distinct info strings, so the stored check value
 * reveals nothing about the wrapping key. Every blob is encrypted with associated data naming what
 * it is ({@code rampart-crypto/transit/<key>/v<N>}), so a blob moved to another row fails to open.
 */
final class KeyEncryptionKey {

    private static final byte[] HKDF_SALT = "rampart-crypto".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WRAPPING_INFO = "rampart-crypto wrapping key v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHECK_INFO = "rampart-crypto key check v1".getBytes(StandardCharsets.US_ASCII);

    static {
        TinkRegistration.ensure();
    }

    private final Aead wrapping;
    private final byte[] keyCheck;

    private KeyEncryptionKey(Aead wrapping, byte[] keyCheck) {
        this.wrapping = wrapping;
        this.keyCheck = keyCheck;
    }

    /** Derives the wrapping key and the check value from 32 bytes of master key, which it then wipes. */
    static KeyEncryptionKey derive(byte[] masterKey) {
        try {
            byte[] wrappingKey = Hkdf.computeHkdf("HMACSHA256", masterKey, HKDF_SALT, WRAPPING_INFO, 32);
            byte[] check = Hkdf.computeHkdf("HMACSHA256", masterKey, HKDF_SALT, CHECK_INFO, 32);
            AesGcmKey key = AesGcmKey.builder()
                    .setParameters(AesGcmParameters.builder().setKeySizeBytes(32).setIvSizeBytes(12)
                            .setTagSizeBytes(16).setVariant(AesGcmParameters.Variant.NO_PREFIX).build())
                    .setKeyBytes(SecretBytes.copyFrom(wrappingKey, InsecureSecretKeyAccess.get()))
                    .build();
            Arrays.fill(wrappingKey, (byte) 0);
            return new KeyEncryptionKey(AesGcmJce.create(key), check);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available in this JVM", e);
        } finally {
            Arrays.fill(masterKey, (byte) 0);
        }
    }

    byte[] keyCheck() {
        return keyCheck.clone();
    }

    boolean matches(byte[] storedKeyCheck) {
        return MessageDigest.isEqual(keyCheck, storedKeyCheck);
    }

    byte[] encrypt(byte[] plaintext, String context) throws GeneralSecurityException {
        return wrapping.encrypt(plaintext, ad(context));
    }

    byte[] decrypt(byte[] ciphertext, String context) throws GeneralSecurityException {
        return wrapping.decrypt(ciphertext, ad(context));
    }

    byte[] encryptKeyset(KeysetHandle keyset, String context) throws GeneralSecurityException {
        return TinkProtoKeysetFormat.serializeEncryptedKeyset(keyset, wrapping, ad(context), RegistryConfiguration.get());
    }

    KeysetHandle decryptKeyset(byte[] encrypted, String context) throws GeneralSecurityException {
        return TinkProtoKeysetFormat.parseEncryptedKeyset(encrypted, wrapping, ad(context), RegistryConfiguration.get());
    }

    private static byte[] ad(String context) {
        return context.getBytes(StandardCharsets.UTF_8);
    }
}
