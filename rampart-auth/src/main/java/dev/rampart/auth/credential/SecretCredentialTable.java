package dev.rampart.auth.credential;

import dev.rampart.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The lifecycle statements shared by the tables of credentials that have a hashed secret
 * ({@code api_keys}, {@code oauth2_clients}): each has {@code id}, {@code secret_hash},
 * {@code previous_secret_hash}, {@code previous_secret_valid_until}, {@code enabled} and
 * {@code revoked_at}, with times in epoch milliseconds. Plain JDBC, the same SQL on SQLite and
 * PostgreSQL; every method blocks on the database.
 */
public final class SecretCredentialTable {

    private final DataSource dataSource;
    private final String table;
    private final String credential;
    private final String migration;

    /**
     * @param credential what a row is, for error messages, e.g. {@code "API key"}
     * @param migration the rampart-store migration that creates the table, e.g. {@code "V2"}
     */
    public SecretCredentialTable(DataSource dataSource, String table, String credential, String migration) {
        this.dataSource = dataSource;
        this.table = table;
        this.credential = credential;
        this.migration = migration;
    }

    /**
     * Replaces the secret hash, keeping the current one as the previous until {@code previousValidUntil}
     * (exclusive; a deadline of now means no grace). False when there is no such unrevoked row.
     */
    public boolean rotate(String id, byte[] newHash, Instant previousValidUntil) {
        // one statement, so two racing rotations cannot leave a hash that neither caller was given;
        // the right-hand sides read the row as it was before the update (SQL standard, both engines)
        return update("UPDATE " + table + " SET previous_secret_hash = secret_hash, previous_secret_valid_until = ?, "
                + "secret_hash = ? WHERE id = ? AND revoked_at IS NULL", id, s -> {
                    s.setLong(1, previousValidUntil.toEpochMilli());
                    s.setBytes(2, newHash);
                    s.setString(3, id);
                }, "rotate " + credential + " " + id);
    }

    public boolean setEnabled(String id, boolean enabled) {
        return update("UPDATE " + table + " SET enabled = ? WHERE id = ? AND revoked_at IS NULL", id, s -> {
            s.setBoolean(1, enabled);
            s.setString(2, id);
        }, (enabled ? "enable " : "disable ") + credential + " " + id);
    }

    /** Marks the row revoked and drops the previous hash's grace. False when already revoked or absent. */
    public boolean revoke(String id, Instant at) {
        return update("UPDATE " + table + " SET revoked_at = ?, previous_secret_hash = NULL, "
                + "previous_secret_valid_until = NULL WHERE id = ? AND revoked_at IS NULL", id, s -> {
                    s.setLong(1, at.toEpochMilli());
                    s.setString(2, id);
                }, "revoke " + credential + " " + id);
    }

    /** A {@link StoreException} for a failed {@code what} that says which table must exist. */
    public StoreException failure(String what, SQLException e) {
        return new StoreException("cannot " + what + ": " + e.getMessage()
                + " — check that the store is reachable and migrated (" + table + " table, migration " + migration + ")", e);
    }

    private interface Binder {
        void bind(PreparedStatement s) throws SQLException;
    }

    private boolean update(String sql, String id, Binder binder, String what) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Space-separated, sorted: the column form of roles and scopes (RFC 6749 §3.3 syntax). */
    public static String joined(Set<String> values) {
        return values.stream().sorted().collect(Collectors.joining(" "));
    }

    public static Set<String> split(String text) {
        return Set.copyOf(words(text));
    }

    public static List<String> words(String text) {
        return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split(" "));
    }

    /** The instant in an epoch-millisecond column, or null. */
    public static Instant instant(ResultSet r, String column) throws SQLException {
        long millis = r.getLong(column);
        return r.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    public static void setInstant(PreparedStatement s, int index, Instant value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.BIGINT);
        } else {
            s.setLong(index, value.toEpochMilli());
        }
    }
}
