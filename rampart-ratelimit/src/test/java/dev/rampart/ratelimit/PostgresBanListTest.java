package dev.rampart.ratelimit;

import dev.rampart.store.testing.PostgresSchema;
import dev.rampart.store.Store;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** Bans in the cluster store: a schema of this class's own on the test PostgreSQL. */
class PostgresBanListTest extends BanListBehaviourTest {

    private static PostgresSchema schema;

    @BeforeAll
    static void createSchema() {
        schema = PostgresSchema.create("rampart_bans_");
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        schema.drop();
    }

    @BeforeEach
    void emptyTables() throws SQLException {
        schema.empty("bans");
    }

    @Override
    Store openStore() {
        return schema.open();
    }
}
