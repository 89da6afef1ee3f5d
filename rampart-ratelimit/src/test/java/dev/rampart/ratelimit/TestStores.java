package dev.rampart.ratelimit;

import dev.rampart.core.config.StoreConfig;
import dev.rampart.core.config.StoreConfig.Kind;
import dev.rampart.store.Store;
import java.nio.file.Path;

/**
 * A real SQLite store in a test's directory (PostgreSQL tests use rampart-store's
 * {@code testing.PostgresSchema}).
 */
final class TestStores {

    private TestStores() {
    }

    static Store sqlite(Path configDir) {
        return Store.open(new StoreConfig(Kind.sqlite, "data", null, null, null, 2), configDir);
    }
}
