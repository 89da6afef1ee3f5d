package dev.rampart.detect;

import dev.rampart.store.Store;
import dev.rampart.store.testing.PostgresSchema;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Incident queries and subject redaction in PostgreSQL, in a schema of this class's own. */
class PostgresIncidentSubjectsTest extends IncidentSubjectsBehaviour {

    private static PostgresSchema schema;

    @BeforeAll
    static void createSchema() {
        schema = PostgresSchema.create("rampart_detect_subjects");
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
