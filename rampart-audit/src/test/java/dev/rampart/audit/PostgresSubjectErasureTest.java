package dev.rampart.audit;

import dev.rampart.store.Store;
import dev.rampart.store.testing.PostgresSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresSubjectErasureTest extends SubjectErasureBehaviour {

    private static PostgresSchema schema;

    @BeforeAll
    static void createSchema() {
        schema = PostgresSchema.create("rampart_audit_subjects");
    }

    @AfterAll
    static void dropSchema() throws Exception {
        schema.drop();
    }

    @Override
    Store openStore() throws Exception {
        schema.empty("audit_entries", "audit_checkpoints", "audit_subject_keys", "settings");
        return schema.open();
    }
}
