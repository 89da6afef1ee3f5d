package dev.rampart.crypto;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What is known about a secret without decrypting it.
 *
 * @param path the secret's path
 * @param currentVersion the latest version written (0 when only metadata exists)
 * @param maxVersions how many versions are kept; older ones are removed on write
 * @param casRequired whether every write must give the expected current version
 * @param customMetadata the operator's own labels (not secret, stored in clear)
 * @param createdAt when the path was first written
 * @param updatedAt when it last changed
 * @param versions the kept versions, oldest first
 */
public record SecretMetadata(String path, int currentVersion, int maxVersions, boolean casRequired,
        Map<String, String> customMetadata, Instant createdAt, Instant updatedAt, List<Version> versions) {

    public SecretMetadata {
        customMetadata = Map.copyOf(customMetadata);
        versions = List.copyOf(versions);
    }

    /**
     * The state of one version.
     *
     * @param deletedAt soft-deletion time (undelete clears it), or null
     * @param destroyed whether the value was destroyed for good
     * @param expiresAt when the version's TTL ends, or null
     */
    public record Version(int version, Instant createdAt, Instant expiresAt, Instant deletedAt, boolean destroyed) {}
}
