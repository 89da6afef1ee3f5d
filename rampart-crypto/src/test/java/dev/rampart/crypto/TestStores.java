package dev.rampart.crypto;

import dev.rampart.core.config.StoreConfig;
import dev.rampart.core.config.StoreConfig.Kind;
import dev.rampart.store.Store;
import java.nio.file.Path;

/**
 * A SQLite store in a temporary directory for the behaviour tests, and the crypto tables to empty
 * between PostgreSQL tests (which use rampart-store's {@code testing.PostgresSchema}).
 */
final class TestStores {

    /** The crypto tables, children first, for emptying between tests. */
    static final String[] TABLES = {"secret_versions", "secrets", "transit_key_versions", "transit_keys", "crypto_master"};

    private TestStores() {}

    static Store sqlite(Path dir) {
        return Store.open(new StoreConfig(Kind.sqlite, "data", null, null, null, null), dir);
    }
}
