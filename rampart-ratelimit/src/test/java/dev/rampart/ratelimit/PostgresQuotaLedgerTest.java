package dev.rampart.ratelimit;

import dev.rampart.store.testing.PostgresSchema;
import dev.rampart.store.Store;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.BeforeAll;

/** Quotas in the cluster store: a schema of this class's own on the test PostgreSQL. */
class PostgresQuotaLedgerTest extends QuotaLedgerBehaviourTest {

    private static PostgresSchema schema;

    @BeforeAll
    static void createSchema() {
        schema = PostgresSchema.create("rampart_quotas_");
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        schema.drop();
    }

    @BeforeEach
    void emptyTables() throws SQLException {
        schema.empty("rate_limit_quotas");
    }

    @Override
    Store openStore() {
        return schema.open();
    }
}
