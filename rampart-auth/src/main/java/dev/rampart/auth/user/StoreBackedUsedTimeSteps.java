package dev.rampart.auth.user;

import dev.rampart.auth.credential.JdbcTable;
import dev.rampart.auth.totp.UsedTimeSteps;
import dev.rampart.store.Store;
import java.util.Objects;

/**
 * {@link UsedTimeSteps} in the store's {@code totp_used_steps} table (migration V9), so a TOTP code
 * accepted by one gateway of a cluster, or before a restart, is refused everywhere afterwards. Blocks
 * on the database. Thread-safe.
 */
public final class StoreBackedUsedTimeSteps implements UsedTimeSteps {

    // One statement, so two nodes checking the same code at once cannot both accept it: the row
    // changes only when the new step is later, and the changed-row count says whether it did.
    private static final String RECORD = "INSERT INTO totp_used_steps (account, last_step) VALUES (?, ?) "
            + "ON CONFLICT (account) DO UPDATE SET last_step = excluded.last_step "
            + "WHERE totp_used_steps.last_step < excluded.last_step";

    private final JdbcTable table;

    public StoreBackedUsedTimeSteps(Store store) {
        this.table = new JdbcTable(Objects.requireNonNull(store, "store").dataSource(), "totp_used_steps table", "V9");
    }

    @Override
    public boolean recordIfLater(String account, long step) {
        return table.update(RECORD, s -> {
            s.setString(1, account);
            s.setLong(2, step);
        }, "record the TOTP step used by " + account) == 1;
    }

    /** Forgets the account's steps, when its TOTP is disabled or the user deleted. */
    void forget(String account) {
        table.update("DELETE FROM totp_used_steps WHERE account = ?", s -> s.setString(1, account),
                "forget the TOTP steps of " + account);
    }
}
