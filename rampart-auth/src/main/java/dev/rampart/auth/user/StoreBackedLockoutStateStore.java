package dev.rampart.auth.user;

import static dev.rampart.auth.credential.SecretCredentialTable.instant;
import static dev.rampart.auth.credential.SecretCredentialTable.setInstant;

import dev.rampart.auth.credential.JdbcTable;
import dev.rampart.auth.lockout.LockoutState;
import dev.rampart.auth.lockout.LockoutStateStore;
import dev.rampart.store.Store;
import dev.rampart.store.StoreException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * {@link LockoutStateStore} in the store's {@code lockout_states} table (migration V9), so that
 * failed logins are counted across a cluster and a lockout survives a restart.
 *
 * <p>Each instance works in a namespace (a key prefix), so the account and the client-address
 * protectors can share the table without a user named {@code 192.0.2.10} sharing a counter with
 * that address.
 *
 * <p>{@link #update} is an optimistic compare-and-set on a version column, retried on a conflict:
 * the same SQL on SQLite and PostgreSQL, and no failure counted on one node is lost to a concurrent
 * write on another. Blocks on the database. Thread-safe.
 */
public final class StoreBackedLockoutStateStore implements LockoutStateStore {

    static final int MAX_ATTEMPTS = 50;

    private static final String COLUMNS = "lock_key, failures, last_failure, locked_until, temporary_lockouts, permanent, version";

    private record Versioned(String key, LockoutState state, long version) {
    }

    private final JdbcTable table;
    private final String prefix;

    /** @param namespace what the keys are, e.g. {@code "account"} or {@code "client"}; letters and dashes */
    public StoreBackedLockoutStateStore(Store store, String namespace) {
        this.table = new JdbcTable(Objects.requireNonNull(store, "store").dataSource(), "lockout_states table", "V9");
        if (!Objects.requireNonNull(namespace, "namespace").matches("[a-z][a-z-]{0,31}")) {
            throw new IllegalArgumentException("a lockout namespace is 1 to 32 lower-case letters or dashes, got '"
                    + namespace + "'");
        }
        this.prefix = namespace + ":";
    }

    @Override
    public Optional<LockoutState> get(String name) {
        return find(prefix + name).map(Versioned::state);
    }

    @Override
    public LockoutState update(String name, UnaryOperator<LockoutState> change) {
        String key = prefix + name;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<Versioned> current = find(key);
            LockoutState next = change.apply(current.map(Versioned::state).orElse(LockoutState.CLEAR));
            boolean written = current.isPresent()
                    ? table.update("UPDATE lockout_states SET failures = ?, last_failure = ?, locked_until = ?, "
                            + "temporary_lockouts = ?, permanent = ?, version = ? WHERE lock_key = ? AND version = ?", s -> {
                                bindState(s, 1, next);
                                s.setLong(6, current.get().version() + 1);
                                s.setString(7, key);
                                s.setLong(8, current.get().version());
                            }, "update the lockout state of " + key) == 1
                    : table.update("INSERT INTO lockout_states (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, 0) "
                            + "ON CONFLICT (lock_key) DO NOTHING", s -> {
                                s.setString(1, key);
                                bindState(s, 2, next);
                            }, "record the lockout state of " + key) == 1;
            if (written) {
                return next;
            }
        }
        throw new StoreException("cannot update the lockout state of " + key + ": " + MAX_ATTEMPTS
                + " concurrent writers won in a row — check for a runaway login loop against this account");
    }

    @Override
    public void remove(String name) {
        String key = prefix + name;
        table.update("DELETE FROM lockout_states WHERE lock_key = ?", s -> s.setString(1, key),
                "remove the lockout state of " + key);
    }

    /**
     * Reads every state and deletes those matching; each delete is conditional on the version read, so
     * a failure recorded meanwhile is kept.
     */
    @Override
    public void removeIf(Predicate<LockoutState> filter) {
        // the namespace has no LIKE wildcards (letters and dashes only)
        List<Versioned> all = table.query("SELECT " + COLUMNS + " FROM lockout_states WHERE lock_key LIKE ?",
                s -> s.setString(1, prefix + "%"), StoreBackedLockoutStateStore::read, "list the lockout states");
        for (Versioned row : all) {
            if (filter.test(row.state())) {
                table.update("DELETE FROM lockout_states WHERE lock_key = ? AND version = ?", s -> {
                    s.setString(1, row.key());
                    s.setLong(2, row.version());
                }, "forget the lockout state of " + row.key());
            }
        }
    }

    private Optional<Versioned> find(String key) {
        return table.queryOne("SELECT " + COLUMNS + " FROM lockout_states WHERE lock_key = ?",
                s -> s.setString(1, key), StoreBackedLockoutStateStore::read, "read the lockout state of " + key);
    }

    private static Versioned read(ResultSet r) throws SQLException {
        LockoutState state = new LockoutState(r.getInt("failures"),
                Optional.ofNullable(instant(r, "last_failure")), Optional.ofNullable(instant(r, "locked_until")),
                r.getInt("temporary_lockouts"), r.getBoolean("permanent"));
        return new Versioned(r.getString("lock_key"), state, r.getLong("version"));
    }

    private static void bindState(PreparedStatement s, int first, LockoutState state) throws SQLException {
        s.setInt(first, state.failures());
        setInstant(s, first + 1, state.lastFailure().map(StoreBackedLockoutStateStore::millis).orElse(null));
        setInstant(s, first + 2, state.lockedUntil().map(StoreBackedLockoutStateStore::millis).orElse(null));
        s.setInt(first + 3, state.temporaryLockouts());
        s.setBoolean(first + 4, state.permanentlyLocked());
    }

    // the column keeps milliseconds; rounding here keeps a state equal to what is read back
    private static Instant millis(Instant at) {
        return Instant.ofEpochMilli(at.toEpochMilli());
    }
}
