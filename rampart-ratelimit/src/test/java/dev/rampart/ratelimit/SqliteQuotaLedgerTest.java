package dev.rampart.ratelimit;

import dev.rampart.store.Store;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Quotas in the embedded store: a real SQLite file per test. */
class SqliteQuotaLedgerTest extends QuotaLedgerBehaviourTest {

    @TempDir
    Path configDir;

    @Override
    Store openStore() {
        return TestStores.sqlite(configDir);
    }
}
