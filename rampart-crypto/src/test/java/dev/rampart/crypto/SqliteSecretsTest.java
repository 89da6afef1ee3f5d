package dev.rampart.crypto;

import dev.rampart.store.Store;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Secrets on the embedded store, a fresh SQLite file per test. */
class SqliteSecretsTest extends SecretsBehaviourTest {

    @TempDir
    Path dir;

    @Override
    Store openStore() {
        return TestStores.sqlite(dir);
    }
}
