package dev.rampart.store.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.rampart.core.config.StoreConfig.Kind;
import dev.rampart.store.StoreException;

/**
 * An open, migrated database: its connection pool, its engine, and what an error message must say
 * about it (where it is, what to check) — so that every failure reads the same way.
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource pool;
    private final Kind kind;
    private final String location;
    private final String remedy;
    private final String secret;

    /**
     * @param location where the data is, for messages, e.g. "the SQLite store at /srv/rampart-data/rampart.db";
     *     never with a password in it
     * @param remedy what the operator should check when an operation fails
     * @param secret the database password, blanked out of every message; may be null
     */
    Database(HikariDataSource pool, Kind kind, String location, String remedy, String secret) {
        this.pool = pool;
        this.kind = kind;
        this.location = location;
        this.remedy = remedy;
        this.secret = secret;
    }

    public HikariDataSource pool() {
        return pool;
    }

    public Kind kind() {
        return kind;
    }

    public String location() {
        return location;
    }

    /** "cannot {action} {location}: {reason} — {remedy}", e.g. "cannot read setting 'x' from the SQLite store at …". */
    public StoreException failure(String action, Exception cause) {
        return failure(action, cause, remedy);
    }

    /** As {@link #failure(String, Exception)}, with a remedy that fits this failure better than the usual one. */
    StoreException failure(String action, Exception cause, String remedy) {
        return new StoreException("cannot " + action + " " + location + ": " + reason(cause, secret) + " — " + remedy, cause);
    }

    @Override
    public void close() {
        pool.close();
    }

    /**
     * Opens the pool and brings the schema up to date; on failure nothing is left open.
     *
     * @param cannotReach how a pool failure begins, e.g. {@code "cannot open"} or {@code "cannot connect to"}
     * @param secret a password to keep out of messages, or null
     */
    static Database openMigrated(HikariConfig poolConfig, Kind kind, String location, String cannotReach,
            String openRemedy, String operationRemedy, String migrationRemedy, String secret) {
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(poolConfig);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new StoreException(cannotReach + " " + location + ": " + reason(cause, secret) + " — " + openRemedy, e);
        }
        Database database = new Database(pool, kind, location, operationRemedy, secret);
        try {
            Migrations.apply(database, migrationRemedy);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    /**
     * The driver's own words for what went wrong, on one line, with {@code secret} blanked out:
     * drivers do not print passwords today, but a message is the last place one may leak from.
     */
    static String reason(Throwable failure, String secret) {
        String message = failure.getMessage();
        String text = message == null || message.isBlank()
                ? failure.getClass().getSimpleName()
                : message.strip().replaceAll("\\s+", " ");
        return secret == null || secret.isEmpty() ? text : text.replace(secret, "***");
    }
}
