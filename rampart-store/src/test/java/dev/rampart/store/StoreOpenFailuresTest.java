package dev.rampart.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.core.config.StoreConfig;
import dev.rampart.core.config.StoreConfig.Kind;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Config mistakes an operator can make, and what the message tells them. */
class StoreOpenFailuresTest {

    @Test
    void postgresqlWithoutAUrlAsksForStoreUrl() {
        StoreConfig config = new StoreConfig(Kind.postgresql, null, null, "rampart", null, null);

        assertThatThrownBy(() -> Store.open(config, null))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("store.url is not set")
                .hasMessageContaining("jdbc:postgresql://");
    }

    @Test
    void postgresqlWithAnotherDatabasesUrlIsRefused() {
        StoreConfig config = new StoreConfig(Kind.postgresql, null, "jdbc:mysql://db/rampart", null, null, null);

        assertThatThrownBy(() -> Store.open(config, null))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("'jdbc:mysql://db/rampart' is not a PostgreSQL JDBC URL");
    }

    @Test
    void unreachablePostgresqlIsNamedWithoutThePassword() {
        StoreConfig config = new StoreConfig(Kind.postgresql, null,
                "jdbc:postgresql://127.0.0.1:1/rampart?password=url-secret&connectTimeout=2", "rampart",
                "config-secret", 2);

        assertThatThrownBy(() -> Store.open(config, null))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:1/rampart?password=***")
                .hasMessageContaining("check store.url, store.username and store.password")
                .message().doesNotContain("url-secret").doesNotContain("config-secret");
    }

    @Test
    void poolWithoutConnectionsIsRefused(@TempDir Path configDir) {
        StoreConfig config = new StoreConfig(null, "data", null, null, null, 0);

        assertThatThrownBy(() -> Store.open(config, configDir))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("store.pool-size is 0")
                .hasMessageContaining("set store.pool-size to 1 or more");
    }
}
