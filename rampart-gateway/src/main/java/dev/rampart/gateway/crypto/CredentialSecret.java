package dev.rampart.gateway.crypto;

import dev.rampart.core.Principal;
import dev.rampart.crypto.Crypto;
import dev.rampart.crypto.CryptoException;
import dev.rampart.crypto.KeyOptions;
import dev.rampart.crypto.KeyType;
import dev.rampart.crypto.Transit;
import dev.rampart.store.Store;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The server secret that credential secrets (API keys, OAuth2 client secrets) are hashed under with
 * HMAC-SHA256: 32 random bytes in one store setting, shared by every gateway on the store and the
 * CLI. With a master key it is kept as a transit ciphertext under the gateway's own key
 * {@value #TRANSIT_KEY} (associated data: the setting's name, so the ciphertext cannot be moved to
 * another setting); without one, in clear (base64), as before rampart-crypto existed.
 *
 * <p>Migration: a clear value read while a master key is loaded is wrapped at once, with a
 * compare-and-set so that two processes migrating together write one value. Once wrapped, reading
 * it needs the master key; a process without one is told how to give it.
 */
public final class CredentialSecret {

    /** The transit key the secret is wrapped under; deletion is not allowed (it would lock out every credential). */
    public static final String TRANSIT_KEY = "rampart-credential-secret";

    /** The principal the gateway's own use of its transit key is audited under. */
    static final Principal GATEWAY = new Principal("rampart-gateway", Principal.Type.SERVICE, "gateway",
            Set.of(), Set.of(), Map.of());

    static final String WRAPPED_PREFIX = "rampart:v";

    private CredentialSecret() {
    }

    /**
     * The secret in {@code setting}, generated on first use; wrapped (or migrated to wrapped) when
     * {@code crypto} is given. Blocks on the store.
     *
     * @param crypto the crypto service with a master key loaded, or null when there is none
     * @throws IllegalStateException when the secret is wrapped and no master key was given
     */
    public static byte[] read(Store store, String setting, Crypto crypto) {
        Optional<String> stored = store.settings().get(setting);
        if (stored.isEmpty()) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            // compareAndSet: when two gateways start at once on one store, one secret wins and both use it.
            store.settings().compareAndSet(setting, null, crypto == null ? Base64.getEncoder().encodeToString(fresh)
                    : wrap(crypto.transit(), setting, fresh));
            stored = store.settings().get(setting);
        }
        String value = stored.orElseThrow();
        if (value.startsWith(WRAPPED_PREFIX)) {
            if (crypto == null) {
                throw new IllegalStateException("the credential secret (store setting " + setting + ") is encrypted under "
                        + "the master key; " + GatewayCrypto.HOW_TO_CONFIGURE);
            }
            byte[] associatedData = setting.getBytes(StandardCharsets.UTF_8);
            byte[] secret = crypto.transit().decrypt(GATEWAY, TRANSIT_KEY, value, associatedData);
            // after a rotation of the key, move the value to the latest version, so that raising
            // min_decryption_version and trimming never strand it
            String current = crypto.transit().rewrap(GATEWAY, TRANSIT_KEY, value, associatedData);
            if (!versionOf(current).equals(versionOf(value))) {
                store.settings().compareAndSet(setting, value, current);
            }
            return secret;
        }
        byte[] secret = Base64.getDecoder().decode(value);
        if (crypto != null) {
            // losing the race means another process wrapped the same bytes already
            store.settings().compareAndSet(setting, value, wrap(crypto.transit(), setting, secret));
        }
        return secret;
    }

    private static String versionOf(String ciphertext) {
        return ciphertext.substring(0, ciphertext.indexOf(':', WRAPPED_PREFIX.length()));
    }

    /** {@code secret} encrypted under the gateway's transit key (created on first use), bound to {@code label}. */
    static String wrap(Transit transit, String label, byte[] secret) {
        try {
            transit.read(GATEWAY, TRANSIT_KEY);
        } catch (CryptoException e) {
            if (e.reason() != CryptoException.Reason.KEY_NOT_FOUND) {
                throw e;
            }
            try {
                transit.create(GATEWAY, TRANSIT_KEY, KeyType.AES256_GCM, KeyOptions.none().withDeletionAllowed(false));
            } catch (CryptoException raced) {
                if (raced.reason() != CryptoException.Reason.KEY_EXISTS) {
                    throw raced;
                }
            }
        }
        return transit.encrypt(GATEWAY, TRANSIT_KEY, secret, label.getBytes(StandardCharsets.UTF_8));
    }
}
