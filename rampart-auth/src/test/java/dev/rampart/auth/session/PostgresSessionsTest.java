package dev.rampart.auth.session;

import dev.rampart.store.testing.PostgresSchema;
import dev.rampart.store.Store;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** Console sessions in PostgreSQL, a schema of its own. */
class PostgresSessionsTest extends SessionsBehaviourTest {

    private static PostgresSchema schema;

    @BeforeAll
    static void createSchema() {
        schema = PostgresSchema.create("rampart_sessions");
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        schema.drop();
    }

    @AfterEach
    void emptyTables() throws SQLException {
        schema.empty("sessions", "users");
    }

    @Override
    Store openStore() {
        return schema.open();
    }
}
