package dev.rampart.crypto;

import dev.rampart.store.testing.PostgresSchema;
import dev.rampart.store.Store;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The key hierarchy on PostgreSQL, in a schema of this class's own (skipped when no server answers). */
class PostgresMasterKeyTest extends MasterKeyBehaviourTest {

    private static PostgresSchema schema;

    @BeforeAll
    static void createSchema() {
        schema = PostgresSchema.create("rampart_masterkey");
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
