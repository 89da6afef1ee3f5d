package dev.rampart.crypto;

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
 * Stores for the behaviour tests: a SQLite file in a temporary directory, or the PostgreSQL at
 * 127.0.0.1:5432 (database {@code test}) in a schema of the test class's own, dropped afterwards,
 * as rampart-store's tests do. Override with RAMPART_TEST_POSTGRES_URL / RAMPART_TEST_POSTGRES_USER.
 * PostgreSQL tests are skipped, not failed, when no server answers.
 */
final class TestStores {

    private static final String SERVER_URL =
            System.getenv().getOrDefault("RAMPART_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final List<String> TABLES =
            List.of("secret_versions", "secrets", "transit_key_versions", "transit_keys", "crypto_master");

    private TestStores() {}

    static Store sqlite(Path dir) {
        return Store.open(new StoreConfig(Kind.sqlite, "data", null, null, null, null), dir);
    }

    /** A schema of one test class on the test PostgreSQL server, or the reason it is unreachable. */
    static final class PostgresSchema {
        private final String user;
        private final String schema;
        private final String unreachable;

        private PostgresSchema(String user, String schema, String unreachable) {
            this.user = user;
            this.schema = schema;
            this.unreachable = unreachable;
        }

        static PostgresSchema create(String purpose) {
            List<String> users = System.getenv("RAMPART_TEST_POSTGRES_USER") != null
                    ? List.of(System.getenv("RAMPART_TEST_POSTGRES_USER")) : List.of("postgres", "root");
            List<String> failures = new ArrayList<>();
            DriverManager.setLoginTimeout(2);
            for (String candidate : users) {
                try (Connection c = DriverManager.getConnection(SERVER_URL, candidate, null); Statement s = c.createStatement()) {
                    String schema = "rampart_" + purpose + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
                    s.execute("CREATE SCHEMA " + schema);
                    return new PostgresSchema(candidate, schema, null);
                } catch (SQLException e) {
                    failures.add(candidate + ": " + e.getMessage());
                }
            }
            return new PostgresSchema(null, null, "PostgreSQL not reachable at " + SERVER_URL + " " + failures
                    + "; start it or set RAMPART_TEST_POSTGRES_URL / RAMPART_TEST_POSTGRES_USER");
        }

        Store open() {
            Assumptions.assumeTrue(unreachable == null, unreachable);
            String url = SERVER_URL + (SERVER_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            return Store.open(new StoreConfig(Kind.postgresql, null, url, user, null, 4), null);
        }

        /** Empties the crypto tables, so each test starts with no master key and no data. */
        void clear() throws SQLException {
            if (schema != null) {
                execute("TRUNCATE " + String.join(", ", TABLES.stream().map(t -> schema + "." + t).toList()));
            }
        }

        void drop() throws SQLException {
            if (schema != null) {
                execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }

        private void execute(String sql) throws SQLException {
            try (Connection c = DriverManager.getConnection(SERVER_URL, user, null); Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }
    }
}
