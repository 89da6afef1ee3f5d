package dev.rampart.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.core.config.StoreConfig;
import dev.rampart.core.config.StoreConfig.Kind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cluster store, against the PostgreSQL that CI and developer machines run at
 * 127.0.0.1:5432 (database {@code test}, trust authentication), in a schema of its own that is
 * dropped afterwards. Set RAMPART_TEST_POSTGRES_URL and RAMPART_TEST_POSTGRES_USER to use another
 * server. Skipped, not failed, when no server answers.
 */
class PostgresStoreTest extends StoreBehaviourTest {

    private static final String SERVER_URL =
            System.getenv().getOrDefault("RAMPART_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");

    private static String user;
    private static String schema;
    private static String unreachable;

    @BeforeAll
    static void createSchema() throws SQLException {
        List<String> users = System.getenv("RAMPART_TEST_POSTGRES_USER") != null
                ? List.of(System.getenv("RAMPART_TEST_POSTGRES_USER"))
                : List.of("postgres", "root");
        List<String> failures = new ArrayList<>();
        DriverManager.setLoginTimeout(2);
        for (String candidate : users) {
            try (Connection connection = DriverManager.getConnection(SERVER_URL, candidate, null)) {
                user = candidate;
                schema = "rampart_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE SCHEMA " + schema);
                }
                return;
            } catch (SQLException e) {
                failures.add(candidate + ": " + e.getMessage());
            }
        }
        // skipped test by test rather than aborted here, so that the report counts them as skipped
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

    private static String storeUrl() {
        return SERVER_URL + (SERVER_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    @Override
    Store openStore() {
        Assumptions.assumeTrue(unreachable == null, unreachable);
        return Store.open(new StoreConfig(Kind.postgresql, null, storeUrl(), user, null, 4), null);
    }

    @Override
    String location() {
        return "PostgreSQL at " + storeUrl();
    }

    @Test
    void isThePostgresqlEngine() {
        assertThat(store.kind()).isEqualTo(Kind.postgresql);
    }

    @Test
    void keepsItsTablesInTheSchemaTheUrlNames() throws SQLException {
        assertThat(queryLong(store, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '"
                + schema + "' AND table_name IN ('settings', 'flyway_schema_history')")).isEqualTo(2);
    }
}
