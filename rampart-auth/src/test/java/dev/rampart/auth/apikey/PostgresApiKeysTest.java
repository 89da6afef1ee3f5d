package dev.rampart.auth.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.core.config.StoreConfig.Kind;
import dev.rampart.store.Store;
import dev.rampart.store.testing.PostgresSchema;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * API keys in the cluster store: the test PostgreSQL, in a schema of this class's own that is
 * dropped afterwards (rampart-store's {@code testing.PostgresSchema}). Skipped, not failed, when no
 * server answers.
 */
class PostgresApiKeysTest extends ApiKeysBehaviourTest {

    private static PostgresSchema schema;

    @BeforeAll
    static void createSchema() {
        schema = PostgresSchema.create("rampart_apikeys");
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        schema.drop();
    }

    /** The schema is shared by the class's tests; each starts from an empty table. */
    @AfterEach
    void emptyTable() throws SQLException {
        schema.empty("api_keys");
    }

    @Override
    Store openStore() {
        return schema.open();
    }

    @Test
    void isThePostgresqlEngine() {
        assertThat(store.kind()).isEqualTo(Kind.postgresql);
    }
}
