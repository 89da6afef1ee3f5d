package dev.rampart.auth.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.core.config.StoreConfig;
import dev.rampart.core.config.StoreConfig.Kind;
import dev.rampart.store.Store;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * API keys in the cluster store: the PostgreSQL at 127.0.0.1:5432 (database {@code test}), in a
 * schema of its own that is dropped afterwards, as in rampart-store's PostgresStoreTest. Override
 * with RAMPART_TEST_POSTGRES_URL / RAMPART_TEST_POSTGRES_USER. Skipped, not failed, when no server
 * answers.
 */
class PostgresApiKeysTest extends ApiKeysBehaviourTest {

    private static final String SERVER_URL =
            System.getenv().getOrDefault("RAMPART_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");

    private static String user;
    private static String schema;
    private static String unreachable;

    @BeforeAll
    static void createSchema() {
        List<String> users = System.getenv("RAMPART_TEST_POSTGRES_USER") != null
                ? List.of(System.getenv("RAMPART_TEST_POSTGRES_USER"))
                : List.of("postgres", "root");
        List<String> failures = new ArrayList<>();
        DriverManager.setLoginTimeout(2);
        for (String candidate : users) {
            try (Connection connection = DriverManager.getConnection(SERVER_URL, candidate, null)) {
                user = candidate;
                schema = "rampart_apikeys_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE SCHEMA " + schema);
                }
                return;
            } catch (SQLException e) {
                failures.add(candidate + ": " + e.getMessage());
            }
        }
        unreachable = "PostgreSQL not reachable at " + SERVER_URL + " " + failures
                + "; start it or set RAMPART_TEST_POSTGRES_URL / RAMPART_TEST_POSTGRES_USER";
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        if (schema == null) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(SERVER_URL, user, null);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    /** The schema is shared by the class's tests; each starts from an empty table. */
    @AfterEach
    void emptyTable() throws SQLException {
        if (schema == null) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(SERVER_URL, user, null);
                Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM " + schema + ".api_keys");
        }
    }

    @Override
    Store openStore() {
        Assumptions.assumeTrue(unreachable == null, unreachable);
        String url = SERVER_URL + (SERVER_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return Store.open(new StoreConfig(Kind.postgresql, null, url, user, null, 4), null);
    }

    @Test
    void isThePostgresqlEngine() {
        assertThat(store.kind()).isEqualTo(Kind.postgresql);
    }
}
