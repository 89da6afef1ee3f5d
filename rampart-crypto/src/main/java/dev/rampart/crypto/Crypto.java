package dev.rampart.crypto;

import dev.rampart.core.EventBus;
import dev.rampart.store.Store;
import java.time.Clock;

/**
 * The crypto service on one store: {@link #transit()} (named keys), {@link #secrets()} (versioned
 * key/value secrets), {@link #files()} (streaming file encryption), all at rest under one master
 * key (see the module README for the key hierarchy).
 *
 * <pre>{@code
 * Crypto crypto = Crypto.open(store, MasterKeySource.fromEnvironment(System.getenv()).orElse(null),
 *         eventBus, policy::permits, Clock.systemUTC());
 * String ct = crypto.transit().encrypt(principal, "payments", card, orderId);
 * }</pre>
 */
public final class Crypto {

    private final KeyHierarchy hierarchy;
    private final Transit transit;
    private final Secrets secrets;
    private final FileEncryption files;

    private Crypto(KeyHierarchy hierarchy, EventBus events, TransitAuthorizer authorizer, Clock clock) {
        this.hierarchy = hierarchy;
        this.transit = new Transit(hierarchy, events, authorizer, clock);
        this.secrets = new Secrets(hierarchy, events, clock);
        this.files = new FileEncryption(transit);
    }

    /**
     * Opens the crypto service, checking the master key against the store's key-check value (the
     * first open with a key records it). Blocks on the store.
     *
     * @param masterKey null when none was configured: allowed while the store holds no encrypted
     *     data (every operation then fails with {@link CryptoException.Reason#MASTER_KEY_MISSING})
     * @throws CryptoException MASTER_KEY_MISSING when encrypted data exists and no key was given,
     *     MASTER_KEY_WRONG when the key is not the one in use; the message says how to provide it
     */
    public static Crypto open(Store store, MasterKeySource masterKey, EventBus events, TransitAuthorizer authorizer,
            Clock clock) {
        return new Crypto(KeyHierarchy.open(store, masterKey, clock), events, authorizer, clock);
    }

    public Transit transit() {
        return transit;
    }

    public Secrets secrets() {
        return secrets;
    }

    public FileEncryption files() {
        return files;
    }

    /** Resolves {@code ${secret:path#key}} references for the config loader. */
    public SecretReferences secretReferences() {
        return new SecretReferences(secrets);
    }

    /** Whether a master key is loaded (false only when none was given and nothing is encrypted yet). */
    public boolean unlocked() {
        return hierarchy.unlocked();
    }

    /**
     * Re-encrypts every keyset and secret under a new master key in one transaction; on failure
     * nothing changes. This process keeps serving throughout (it holds decrypted keys, and reads
     * racing the commit try both master keys). Other processes sharing the store keep serving
     * reads from their caches but are refused writes until restarted with the new key.
     *
     * @return how many keysets and secret values were re-encrypted
     */
    public int rekeyMaster(MasterKeySource newMasterKey) {
        return hierarchy.rekey(newMasterKey);
    }
}
