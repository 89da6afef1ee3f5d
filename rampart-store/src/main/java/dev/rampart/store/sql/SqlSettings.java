package dev.rampart.store.sql;

import dev.rampart.store.Settings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings in the {@code settings} table. The statements are the same on both engines (SQLite
 * 3.24+ and PostgreSQL 9.5+ share the upsert syntax), and each is a single statement in
 * auto-commit mode, so each is atomic on its own: compare-and-set needs no transaction and no
 * lock held between a read and a write.
 */
public final class SqlSettings implements Settings {

    private static final String SELECT = "SELECT value FROM settings WHERE key = ?";
    private static final String UPSERT = "INSERT INTO settings (key, value, updated_at) VALUES (?, ?, CURRENT_TIMESTAMP) "
            + "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at";
    /** Inserts only when the key is absent; the unique key makes exactly one of racing inserts count. */
    private static final String INSERT_IF_ABSENT = "INSERT INTO settings (key, value, updated_at) "
            + "VALUES (?, ?, CURRENT_TIMESTAMP) ON CONFLICT (key) DO NOTHING";
    /** Replaces only the expected value; the write lock (SQLite) or row lock (PostgreSQL) rechecks it. */
    private static final String REPLACE_IF_EQUAL =
            "UPDATE settings SET value = ?, updated_at = CURRENT_TIMESTAMP WHERE key = ? AND value = ?";
    private static final String DELETE = "DELETE FROM settings WHERE key = ?";

    private final Database database;

    public SqlSettings(Database database) {
        this.database = database;
    }

    @Override
    public Optional<String> get(String key) {
        requireKey(key);
        try (Connection connection = database.pool().getConnection();
                PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, key);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw database.failure("read setting '" + key + "' from", e);
        }
    }

    @Override
    public void put(String key, String value) {
        requireKey(key);
        requireValue(value);
        update("write setting '" + key + "' to", UPSERT, key, value);
    }

    @Override
    public boolean compareAndSet(String key, String expected, String value) {
        requireKey(key);
        requireValue(value);
        String action = "compare-and-set setting '" + key + "' in";
        return expected == null
                ? update(action, INSERT_IF_ABSENT, key, value) == 1
                : update(action, REPLACE_IF_EQUAL, value, key, expected) == 1;
    }

    @Override
    public boolean delete(String key) {
        requireKey(key);
        return update("delete setting '" + key + "' from", DELETE, key) == 1;
    }

    private int update(String action, String sql, String... parameters) {
        try (Connection connection = database.pool().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw database.failure(action, e);
        }
    }

    private static void requireKey(String key) {
        Objects.requireNonNull(key, "setting key is null; pass the setting's name, e.g. \"admin.token.sha256\"");
    }

    private static void requireValue(String value) {
        Objects.requireNonNull(value, "setting value is null; to remove a setting call delete(key)");
    }
}
