package dev.rampart.crypto;

import dev.rampart.store.testing.PostgresSchema;
import dev.rampart.store.Store;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Secrets on PostgreSQL, in a schema of this class's own (skipped when no server answers). */
class PostgresSecretsTest extends SecretsBehaviourTest {

    private static PostgresSchema schema;

    @BeforeAll
    static void createSchema() {
        schema = PostgresSchema.create("rampart_secrets");
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        schema.drop();
    }

    @Override
    Store openStore() {
        return schema.open();
    }

    @Override
    void clearStore() throws SQLException {
        schema.empty(TestStores.TABLES);
    }
}
