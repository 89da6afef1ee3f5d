package dev.rampart.auth.user;

import dev.rampart.store.testing.PostgresSchema;
import dev.rampart.store.Store;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** Users, logins and the store-backed TOTP and lockout stores in PostgreSQL, a schema of its own. */
class PostgresUsersTest extends UsersBehaviourTest {

    private static PostgresSchema schema;

    @BeforeAll
    static void createSchema() {
        schema = PostgresSchema.create("rampart_users");
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        schema.drop();
    }

    @AfterEach
    void emptyTables() throws SQLException {
        schema.empty("sessions", "user_password_history", "users", "user_recovery_codes", "totp_used_steps",
                "lockout_states");
    }

    @Override
    Store openStore() {
        return schema.open();
    }
}
