package dev.rampart.auth.user;

import static dev.rampart.auth.credential.SecretCredentialTable.instant;
import static dev.rampart.auth.credential.SecretCredentialTable.joined;
import static dev.rampart.auth.credential.SecretCredentialTable.split;

import dev.rampart.auth.credential.JdbcTable;
import dev.rampart.store.Store;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The users and user_password_history tables (migration V9), in plain JDBC with the same SQL on
 * SQLite and PostgreSQL. Every method blocks on the database.
 */
final class UserRepository {

    private static final String COLUMNS = "id, username, email, roles, password_hash, password_changed_at, enabled, "
            + "created_at, totp_secret, totp_enabled_at, totp_pending_secret";

    private final JdbcTable table;

    UserRepository(Store store) {
        this.table = new JdbcTable(store.dataSource(), "users and user_password_history tables", "V9");
    }

    void insert(UserRecord user, String usernameKey, String passwordHash) {
        table.update("INSERT INTO users (id, username, username_key, email, roles, password_hash, password_changed_at, "
                + "enabled, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", s -> {
                    s.setString(1, user.id());
                    s.setString(2, user.username());
                    s.setString(3, usernameKey);
                    s.setString(4, user.email().orElse(null));
                    s.setString(5, joined(user.roles()));
                    s.setString(6, passwordHash);
                    s.setLong(7, user.passwordChangedAt().toEpochMilli());
                    s.setBoolean(8, user.enabled());
                    s.setLong(9, user.createdAt().toEpochMilli());
                }, "create user " + user.username());
    }

    Optional<StoredUser> find(String id) {
        return table.queryOne("SELECT " + COLUMNS + " FROM users WHERE id = ?", s -> s.setString(1, id),
                UserRepository::read, "read user " + id);
    }

    Optional<StoredUser> findByUsernameKey(String usernameKey) {
        return table.queryOne("SELECT " + COLUMNS + " FROM users WHERE username_key = ?",
                s -> s.setString(1, usernameKey), UserRepository::read, "read user " + usernameKey);
    }

    List<UserRecord> list() {
        return table.query("SELECT " + COLUMNS + " FROM users ORDER BY created_at, id", s -> { },
                r -> read(r).record(), "list users");
    }

    /** The previous password hashes, newest first. */
    List<String> history(String id, int limit) {
        return table.query("SELECT password_hash FROM user_password_history WHERE user_id = ? "
                + "ORDER BY changed_at DESC LIMIT ?", s -> {
                    s.setString(1, id);
                    s.setInt(2, limit);
                }, r -> r.getString(1), "read the password history of user " + id);
    }

    /**
     * Sets a new password hash and moves the old one into the history, keeping the newest
     * {@code keep} entries. One transaction, so a crash cannot lose the old hash from the history.
     */
    boolean changePassword(String id, String newHash, Instant at, int keep) {
        return table.inTransaction(c -> {
            String oldHash;
            try (PreparedStatement s = c.prepareStatement("SELECT password_hash FROM users WHERE id = ?")) {
                s.setString(1, id);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return false;
                    }
                    oldHash = r.getString(1);
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?")) {
                s.setString(1, newHash);
                s.setLong(2, at.toEpochMilli());
                s.setString(3, id);
                s.executeUpdate();
            }
            if (keep > 0) {
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO user_password_history (user_id, changed_at, password_hash) VALUES (?, ?, ?)")) {
                    s.setString(1, id);
                    s.setLong(2, at.toEpochMilli());
                    s.setString(3, oldHash);
                    s.executeUpdate();
                }
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM user_password_history WHERE user_id = ? AND "
                    + "password_hash NOT IN (SELECT password_hash FROM user_password_history WHERE user_id = ? "
                    + "ORDER BY changed_at DESC LIMIT ?)")) {
                s.setString(1, id);
                s.setString(2, id);
                s.setInt(3, keep);
                s.executeUpdate();
            }
            return true;
        }, "change the password of user " + id);
    }

    /** The transparent re-hash: same password, new parameters; no history entry, no change time. */
    boolean replaceHash(String id, String oldHash, String newHash) {
        // conditional on the old hash, so a re-hash cannot undo a password change made meanwhile
        return table.update("UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?", s -> {
            s.setString(1, newHash);
            s.setString(2, id);
            s.setString(3, oldHash);
        }, "store the re-hashed password of user " + id) == 1;
    }

    boolean setEnabled(String id, boolean enabled) {
        return table.update("UPDATE users SET enabled = ? WHERE id = ?", s -> {
            s.setBoolean(1, enabled);
            s.setString(2, id);
        }, (enabled ? "enable" : "disable") + " user " + id) == 1;
    }

    boolean setRoles(String id, String roles) {
        return table.update("UPDATE users SET roles = ? WHERE id = ?", s -> {
            s.setString(1, roles);
            s.setString(2, id);
        }, "change the roles of user " + id) == 1;
    }

    boolean delete(String id) {
        return table.update("DELETE FROM users WHERE id = ?", s -> s.setString(1, id), "delete user " + id) == 1;
    }

    boolean setPendingTotp(String id, byte[] encrypted) {
        return table.update("UPDATE users SET totp_pending_secret = ? WHERE id = ?", s -> {
            s.setBytes(1, encrypted);
            s.setString(2, id);
        }, "store the pending TOTP secret of user " + id) == 1;
    }

    /** Makes the pending secret the active one, if it is still the one the caller confirmed. */
    boolean activatePendingTotp(String id, byte[] pending, Instant at) {
        return table.update("UPDATE users SET totp_secret = totp_pending_secret, totp_pending_secret = NULL, "
                + "totp_enabled_at = ? WHERE id = ? AND totp_pending_secret = ?", s -> {
                    s.setLong(1, at.toEpochMilli());
                    s.setString(2, id);
                    s.setBytes(3, pending);
                }, "enable TOTP for user " + id) == 1;
    }

    boolean clearTotp(String id) {
        return table.update("UPDATE users SET totp_secret = NULL, totp_pending_secret = NULL, totp_enabled_at = NULL "
                + "WHERE id = ?", s -> s.setString(1, id), "disable TOTP for user " + id) == 1;
    }

    private static StoredUser read(ResultSet r) throws SQLException {
        byte[] totp = r.getBytes("totp_secret");
        UserRecord record = new UserRecord(r.getString("id"), r.getString("username"),
                Optional.ofNullable(r.getString("email")), split(r.getString("roles")), r.getBoolean("enabled"),
                instant(r, "created_at"), instant(r, "password_changed_at"), totp != null);
        return new StoredUser(record, r.getString("password_hash"), totp, r.getBytes("totp_pending_secret"));
    }
}
