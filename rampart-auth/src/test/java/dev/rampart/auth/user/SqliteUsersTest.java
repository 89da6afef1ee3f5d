package dev.rampart.auth.user;

import dev.rampart.core.config.StoreConfig;
import dev.rampart.core.config.StoreConfig.Kind;
import dev.rampart.store.Store;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Users, logins and the store-backed TOTP and lockout stores in the embedded store, a fresh SQLite file per test. */
class SqliteUsersTest extends UsersBehaviourTest {

    @TempDir
    Path configDir;

    @Override
    Store openStore() {
        return Store.open(new StoreConfig(Kind.sqlite, "data", null, null, null, null), configDir);
    }
}
