package dev.rampart.store.testing;

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
import org.junit.jupiter.api.Assumptions;

/**
 * A schema of its own in the test PostgreSQL (127.0.0.1:5432, database {@code test}) for one test
 * class, migrated when created and dropped afterwards; shared by every module's PostgreSQL tests
 * (rampart-store's test jar). Override with RAMPART_TEST_POSTGRES_URL / RAMPART_TEST_POSTGRES_USER.
 * Tests are skipped, not failed, when no server answers.
 */
public final class PostgresSchema {

    private static final String SERVER_URL =
            System.getenv().getOrDefault("RAMPART_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");

    private final String user;
    private final String schema;
    private final String unreachable;

    private PostgresSchema(String user, String schema, String unreachable) {
        this.user = user;
        this.schema = schema;
        this.unreachable = unreachable;
    }

    /**
     * Creates {@code prefix_<random>} and migrates it (so a test may empty its tables before opening
     * its own store), or remembers why it could not.
     */
    public static PostgresSchema create(String prefix) {
        List<String> users = System.getenv("RAMPART_TEST_POSTGRES_USER") != null
                ? List.of(System.getenv("RAMPART_TEST_POSTGRES_USER"))
                : List.of("postgres", "root");
        List<String> failures = new ArrayList<>();
        DriverManager.setLoginTimeout(2);
        for (String candidate : users) {
            try (Connection connection = DriverManager.getConnection(SERVER_URL, candidate, null);
                    Statement statement = connection.createStatement()) {
                String schema = (prefix.endsWith("_") ? prefix : prefix + "_")
                        + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
                statement.execute("CREATE SCHEMA " + schema);
                PostgresSchema created = new PostgresSchema(candidate, schema, null);
                created.open().close();
                return created;
            } catch (SQLException e) {
                failures.add(candidate + ": " + e.getMessage());
            }
        }
        return new PostgresSchema(null, null, "PostgreSQL not reachable at " + SERVER_URL + " " + failures
                + "; start it or set RAMPART_TEST_POSTGRES_URL / RAMPART_TEST_POSTGRES_USER");
    }

    /** A store on the schema (migrated on first open); skips the test when PostgreSQL is unreachable. */
    public Store open() {
        Assumptions.assumeTrue(unreachable == null, unreachable);
        String url = SERVER_URL + (SERVER_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return Store.open(new StoreConfig(Kind.postgresql, null, url, user, null, 4), null);
    }

    /** Empties the tables (children before parents), so each test of the class starts from nothing. */
    public void empty(String... tables) throws SQLException {
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

    public void drop() throws SQLException {
        if (schema == null) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(SERVER_URL, user, null);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }
}
