package dev.rampart.crypto;

import dev.rampart.store.Store;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Transit on the embedded store, a fresh SQLite file per test. */
class SqliteTransitTest extends TransitBehaviourTest {

    @TempDir
    Path dir;

    @Override
    Store openStore() {
        return TestStores.sqlite(dir);
    }
}
