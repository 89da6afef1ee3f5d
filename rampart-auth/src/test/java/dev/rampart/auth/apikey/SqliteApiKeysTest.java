package dev.rampart.auth.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.core.config.StoreConfig;
import dev.rampart.core.config.StoreConfig.Kind;
import dev.rampart.store.Store;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API keys in the embedded store, a fresh SQLite file per test. */
class SqliteApiKeysTest extends ApiKeysBehaviourTest {

    @TempDir
    Path configDir;

    @Override
    Store openStore() {
        return Store.open(new StoreConfig(Kind.sqlite, "data", null, null, null, null), configDir);
    }

    @Test
    void isTheSqliteEngine() {
        assertThat(store.kind()).isEqualTo(Kind.sqlite);
    }
}
