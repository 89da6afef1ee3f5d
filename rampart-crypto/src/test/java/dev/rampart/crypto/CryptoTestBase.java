package dev.rampart.crypto;

import dev.rampart.core.Principal;
import dev.rampart.store.Store;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A store, a random master key and the crypto service on them, for behaviour tests that run on
 * both engines. The authorizer grants a principal the permissions listed in its scopes, or all
 * of them when it has the role {@code crypto-admin}.
 */
abstract class CryptoTestBase {

    static final Principal ADMIN = new Principal("ops", Principal.Type.USER, "test", Set.of("crypto-admin"), Set.of(), Map.of());
    static final TransitAuthorizer SCOPES_AUTHORIZER = (principal, permission) ->
            principal.roles().contains("crypto-admin") || principal.scopes().contains(permission);

    final TestClock clock = new TestClock();
    final RecordingEventBus events = new RecordingEventBus();
    MasterKeySource masterKey = randomMasterKey();
    Store store;
    Crypto crypto;

    abstract Store openStore();

    /** Removes what the test wrote, when the store outlives the test (a shared PostgreSQL schema). */
    void clearStore() throws Exception {}

    @BeforeEach
    void openCrypto() {
        store = openStore();
        crypto = reopen(masterKey);
    }

    @AfterEach
    void closeStore() throws Exception {
        if (store != null) {
            store.close();
            clearStore();
        }
    }

    Crypto reopen(MasterKeySource key) {
        return Crypto.open(store, key, events, SCOPES_AUTHORIZER, clock);
    }

    static MasterKeySource randomMasterKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new MasterKeySource.KeyBytes(key);
    }

    static Principal caller(String id, String... permissions) {
        return new Principal(id, Principal.Type.API_KEY, "test", Set.of(), Set.of(permissions), Map.of());
    }
}
