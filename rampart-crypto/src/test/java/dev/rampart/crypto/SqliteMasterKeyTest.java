package dev.rampart.crypto;

import dev.rampart.store.Store;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The key hierarchy on the embedded store, a fresh SQLite file per test. */
class SqliteMasterKeyTest extends MasterKeyBehaviourTest {

    @TempDir
    Path dir;

    @Override
    Store openStore() {
        return TestStores.sqlite(dir);
    }
}
