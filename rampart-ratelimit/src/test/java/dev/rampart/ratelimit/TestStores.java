package dev.rampart.ratelimit;

import dev.rampart.core.config.StoreConfig;
import dev.rampart.core.config.StoreConfig.Kind;
import dev.rampart.store.Store;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * Real stores for tests: a SQLite file in a test's directory, or a schema of its own on the
 * PostgreSQL at 127.0.0.1:5432 (database {@code test}; RAMPART_TEST_POSTGRES_URL /
 * RAMPART_TEST_POSTGRES_USER override), as rampart-store's tests do. Without a reachable
 * PostgreSQL the tests that need it are skipped, not failed.
 */
final class TestStores {

    private static final String SERVER_URL =
            System.getenv().getOrDefault("RAMPART_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");

    private TestStores() {
    }

    static Store sqlite(Path configDir) {
        return Store.open(new StoreConfig(Kind.sqlite, "data", null, null, null, 2), configDir);
    }

    /** A schema on the test PostgreSQL, created for one test class and dropped after it. */
    static final class PostgresSchema {
        private String user;
        private String schema;
        private String unreachable;

        static PostgresSchema create(String prefix) {
            PostgresSchema s = new PostgresSchema();
            List<String> users = System.getenv("RAMPART_TEST_POSTGRES_USER") != null
                    ? List.of(System.getenv("RAMPART_TEST_POSTGRES_USER"))
                    : List.of("postgres", "root");
            List<String> failures = new ArrayList<>();
            DriverManager.setLoginTimeout(2);
            for (String candidate : users) {
                try (Connection connection = DriverManager.getConnection(SERVER_URL, candidate, null);
                        Statement statement = connection.createStatement()) {
                    s.user = candidate;
                    s.schema = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
                    statement.execute("CREATE SCHEMA " + s.schema);
                    s.open().close(); // migrated now, so that tests may empty its tables before opening their own store
                    return s;
                } catch (SQLException e) {
                    failures.add(candidate + ": " + e.getMessage());
                }
            }
            s.schema = null;
            s.unreachable = "PostgreSQL not reachable at " + SERVER_URL + " " + failures
                    + "; start it or set RAMPART_TEST_POSTGRES_URL / RAMPART_TEST_POSTGRES_USER";
            return s;
        }

        Store open() {
            Assumptions.assumeTrue(unreachable == null, unreachable);
            String url = SERVER_URL + (SERVER_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            return Store.open(new StoreConfig(Kind.postgresql, null, url, user, null, 2), null);
        }

        /** Empties the tables the tests write, so that each test starts from nothing. */
        void truncate(String... tables) throws SQLException {
            if (schema == null) {
                return;
            }
            try (Connection connection = DriverManager.getConnection(SERVER_URL, user, null);
                    Statement statement = connection.createStatement()) {
                for (String table : tables) {
                    statement.execute("DELETE FROM " + schema + "." + table);
                }
            }
        }

        void drop() throws SQLException {
            if (schema == null) {
                return;
            }
            try (Connection connection = DriverManager.getConnection(SERVER_URL, user, null);
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }
}
