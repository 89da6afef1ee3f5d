package dev.rampart.crypto;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A transit key's metadata; never key material.
 *
 * @param name the key's name, as in permissions {@code transit:<operation>:<name>}
 * @param type what the key does
 * @param latestVersion the version new encryptions, signatures and MACs use
 * @param minDecryptionVersion oldest version accepted for decrypt, rewrap and verify
 * @param minEncryptionVersion oldest version a caller may ask to encrypt with; 0 means only the latest
 * @param minAvailableVersion oldest version still stored (older ones were trimmed)
 * @param deletionAllowed whether {@link Transit#delete} may remove the key
 * @param autoRotatePeriod rotation period for {@link Transit#rotateDue}; zero means never
 * @param createdAt when the key was created
 * @param rotatedAt when the latest version was made
 * @param versions each stored version and when it was made, oldest first
 */
public record TransitKeyInfo(
        String name,
        KeyType type,
        int latestVersion,
        int minDecryptionVersion,
        int minEncryptionVersion,
        int minAvailableVersion,
        boolean deletionAllowed,
        Duration autoRotatePeriod,
        Instant createdAt,
        Instant rotatedAt,
        Map<Integer, Instant> versions) {

    public TransitKeyInfo {
        versions = Collections.unmodifiableSortedMap(new TreeMap<>(versions));
    }
}
