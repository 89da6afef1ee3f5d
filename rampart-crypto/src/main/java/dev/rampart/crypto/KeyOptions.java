package dev.rampart.crypto;

import java.time.Duration;

/**
 * Settings of a transit key, at creation or in {@link Transit#configure}; a null field leaves the
 * setting as it is (at creation: deletion not allowed, no auto-rotation, all versions accepted).
 *
 * @param deletionAllowed whether the key may be deleted (deleting makes its ciphertexts unreadable)
 * @param autoRotatePeriod how often {@link Transit#rotateDue} rotates it; zero turns it off
 * @param minDecryptionVersion oldest version accepted for decrypt, rewrap and verify
 * @param minEncryptionVersion oldest version a caller may ask to encrypt with; 0 means only the latest
 */
public record KeyOptions(Boolean deletionAllowed, Duration autoRotatePeriod, Integer minDecryptionVersion,
        Integer minEncryptionVersion) {

    /** Nothing changed; at creation, the defaults. */
    public static KeyOptions none() {
        return new KeyOptions(null, null, null, null);
    }

    public KeyOptions withDeletionAllowed(boolean allowed) {
        return new KeyOptions(allowed, autoRotatePeriod, minDecryptionVersion, minEncryptionVersion);
    }

    public KeyOptions withAutoRotatePeriod(Duration period) {
        return new KeyOptions(deletionAllowed, period, minDecryptionVersion, minEncryptionVersion);
    }

    public KeyOptions withMinDecryptionVersion(int version) {
        return new KeyOptions(deletionAllowed, autoRotatePeriod, version, minEncryptionVersion);
    }

    public KeyOptions withMinEncryptionVersion(int version) {
        return new KeyOptions(deletionAllowed, autoRotatePeriod, minDecryptionVersion, version);
    }
}
