package dev.rampart.auth.session;

import dev.rampart.core.config.StoreConfig;
import dev.rampart.core.config.StoreConfig.Kind;
import dev.rampart.store.Store;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Console sessions in the embedded store, a fresh SQLite file per test. */
class SqliteSessionsTest extends SessionsBehaviourTest {

    @TempDir
    Path configDir;

    @Override
    Store openStore() {
        return Store.open(new StoreConfig(Kind.sqlite, "data", null, null, null, null), configDir);
    }
}
