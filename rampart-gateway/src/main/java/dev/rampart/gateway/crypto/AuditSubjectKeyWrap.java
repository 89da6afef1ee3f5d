package dev.rampart.gateway.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.subtle.AesGcmJce;
import com.google.crypto.tink.util.SecretBytes;
import dev.rampart.crypto.Crypto;
import dev.rampart.store.Store;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * The key that seals the audit log's per-subject keys at rest (AES-256-GCM): 32 random bytes in the
 * store setting {@value #SETTING}, kept the way {@link CredentialSecret} keeps the credential secret
 * — wrapped under the master key when one is configured (migrated to wrapped when one is added),
 * in clear otherwise, like everything else in a store without a master key. One transit operation
 * at start, none per subject key, so opening a subject key emits no crypto event.
 */
public final class AuditSubjectKeyWrap {

    /** The store setting that holds the wrapping key. */
    public static final String SETTING = "audit.subject-key-wrap";

    private AuditSubjectKeyWrap() {
    }

    /**
     * The wrapping key of {@code store}, generated on first use. Blocks on the store.
     *
     * @param crypto the crypto service with a master key loaded, or null when there is none
     * @throws IllegalStateException when the key is wrapped and no master key was given
     */
    public static Aead open(Store store, Crypto crypto) {
        byte[] key = CredentialSecret.read(store, SETTING, crypto);
        try {
            return AesGcmJce.create(AesGcmKey.builder()
                    .setParameters(AesGcmParameters.builder().setKeySizeBytes(32).setIvSizeBytes(12).setTagSizeBytes(16)
                            .setVariant(AesGcmParameters.Variant.NO_PREFIX).build())
                    .setKeyBytes(SecretBytes.copyFrom(key, InsecureSecretKeyAccess.get()))
                    .build());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available in this JVM", e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}
