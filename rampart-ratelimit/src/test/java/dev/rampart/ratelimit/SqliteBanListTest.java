package dev.rampart.ratelimit;

import dev.rampart.store.Store;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Bans in the embedded store: a real SQLite file per test. */
class SqliteBanListTest extends BanListBehaviourTest {

    @TempDir
    Path configDir;

    @Override
    Store openStore() {
        return TestStores.sqlite(configDir);
    }
}
