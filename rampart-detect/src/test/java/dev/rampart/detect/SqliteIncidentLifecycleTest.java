package dev.rampart.detect;

import dev.rampart.core.config.StoreConfig;
import dev.rampart.store.Store;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Incidents in the embedded store, in a fresh directory per test. */
class SqliteIncidentLifecycleTest extends IncidentLifecycleBehaviourTest {

    @TempDir
    Path dataDir;

    @Override
    Store openStore() {
        return Store.open(new StoreConfig(null, dataDir.toString(), null, null, null, null), null);
    }
}
