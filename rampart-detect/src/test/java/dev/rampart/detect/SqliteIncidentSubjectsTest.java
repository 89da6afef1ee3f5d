package dev.rampart.detect;

import dev.rampart.core.config.StoreConfig;
import dev.rampart.store.Store;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Incident queries and subject redaction in the embedded store. */
class SqliteIncidentSubjectsTest extends IncidentSubjectsBehaviour {

    @TempDir
    Path dataDir;

    @Override
    Store openStore() {
        return Store.open(new StoreConfig(null, dataDir.toString(), null, null, null, null), null);
    }
}
