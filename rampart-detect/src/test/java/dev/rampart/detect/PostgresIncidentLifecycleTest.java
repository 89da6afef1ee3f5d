package dev.rampart.detect;

import dev.rampart.store.testing.PostgresSchema;
import dev.rampart.store.Store;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Incidents in PostgreSQL, in a schema of this class's own; skipped when no server answers. */
class PostgresIncidentLifecycleTest extends IncidentLifecycleBehaviourTest {

    private static PostgresSchema schema;

    @BeforeAll
    static void createSchema() {
        schema = PostgresSchema.create("rampart_detect");
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        schema.drop();
    }

    @Override
    Store openStore() {
        return schema.open();
    }
}
