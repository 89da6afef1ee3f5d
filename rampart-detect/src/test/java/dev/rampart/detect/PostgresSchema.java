package dev.rampart.detect;

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
 * A schema of its own on the PostgreSQL that CI and developer machines run at 127.0.0.1:5432
 * (database {@code test}, trust authentication), created per test class and dropped after it.
 * RAMPART_TEST_POSTGRES_URL / RAMPART_TEST_POSTGRES_USER point elsewhere. When no server
 * answers, {@link #open()} skips the calling test with the reason.
 */
final class PostgresSchema {

    private static final String SERVER_URL =
            System.getenv().getOrDefault("RAMPART_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");

    private String user;
    private String schema;
    private String unreachable;

    static PostgresSchema create() {
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
                s.schema = "rampart_detect_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
                statement.execute("CREATE SCHEMA " + s.schema);
                return s;
            } catch (SQLException e) {
                failures.add(candidate + ": " + e.getMessage());
            }
        }
        s.unreachable = "PostgreSQL not reachable at " + SERVER_URL + " " + failures
                + "; start it or set RAMPART_TEST_POSTGRES_URL / RAMPART_TEST_POSTGRES_USER";
        return s;
    }

    Store open() {
        Assumptions.assumeTrue(unreachable == null, unreachable);
        String url = SERVER_URL + (SERVER_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return Store.open(new StoreConfig(Kind.postgresql, null, url, user, null, 4), null);
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
