package dev.rampart.auth.user;

import dev.rampart.auth.credential.JdbcTable;
import dev.rampart.auth.totp.RecoveryCodeStore;
import dev.rampart.store.Store;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@link RecoveryCodeStore} in the store's {@code user_recovery_codes} table (migration V9): the
 * SHA-256 of each unused code, one row per code. Blocks on the database. Thread-safe.
 */
public final class StoreBackedRecoveryCodeStore implements RecoveryCodeStore {

    private final JdbcTable table;

    public StoreBackedRecoveryCodeStore(Store store) {
        this.table = new JdbcTable(Objects.requireNonNull(store, "store").dataSource(), "user_recovery_codes table", "V9");
    }

    @Override
    public void replace(String account, Set<String> hashes) {
        table.inTransaction(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM user_recovery_codes WHERE account = ?");
                    PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO user_recovery_codes (account, code_hash) VALUES (?, ?)")) {
                delete.setString(1, account);
                delete.executeUpdate();
                for (String hash : hashes) {
                    insert.setString(1, account);
                    insert.setString(2, hash);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        }, "replace the recovery codes of " + account);
    }

    /** A DELETE that reports one row: of two concurrent logins with one code, only one deletes it. */
    @Override
    public boolean consume(String account, String hash) {
        return table.update("DELETE FROM user_recovery_codes WHERE account = ? AND code_hash = ?", s -> {
            s.setString(1, account);
            s.setString(2, hash);
        }, "use a recovery code of " + account) == 1;
    }

    @Override
    public int remaining(String account) {
        return table.queryOne("SELECT COUNT(*) FROM user_recovery_codes WHERE account = ?",
                s -> s.setString(1, account), r -> r.getInt(1), "count the recovery codes of " + account).orElse(0);
    }

    /** Unused codes per account that has any, in one query (for listings). */
    Map<String, Integer> remainingByAccount() {
        Map<String, Integer> out = new HashMap<>();
        table.query("SELECT account, COUNT(*) FROM user_recovery_codes GROUP BY account", s -> { },
                r -> Map.entry(r.getString(1), r.getInt(2)), "count the recovery codes of every user")
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    void forget(String account) {
        replace(account, Set.of());
    }
}
