package dev.rampart.store;

import dev.rampart.core.config.StoreConfig;
import dev.rampart.core.config.StoreConfig.Kind;
import dev.rampart.store.sql.Database;
import dev.rampart.store.sql.PostgresDatabase;
import dev.rampart.store.sql.SqlSettings;
import dev.rampart.store.sql.SqliteDatabase;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * Rampart's durable data: an embedded SQLite file (the default) or a PostgreSQL database shared by
 * the processes of a cluster, behind one connection pool, with the schema brought up to date by
 * Flyway migrations when the store is opened.
 *
 * <p>Every method that touches the database blocks the calling thread (JDBC has no other mode):
 * call it from a worker thread, never from a Vert.x event loop. Failures are reported as
 * {@link StoreException}.
 *
 * <pre>{@code
 * try (Store store = Store.open(config.store(), configFile.getParent())) {
 *     if (store.settings().compareAndSet("admin.token.sha256", null, hash)) { ... first start ... }
 * }
 * }</pre>
 */
public final class Store implements AutoCloseable {

    private final Database database;
    private final Settings settings;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Store(Database database) {
        this.database = database;
        this.settings = new SqlSettings(database);
    }

    /**
     * Opens the store that {@code config} names, creating the SQLite data directory and file when
     * missing, and applies any pending migrations. Blocks until the database is ready.
     *
     * @param config the {@code store:} section of the config; {@code null} means the defaults
     * @param baseDir the directory of the config file, against which a relative
     *     {@code store.data-dir} is resolved; {@code null} means the current directory
     * @throws StoreException when the config is unusable or the database cannot be opened or
     *     migrated; the message says which setting to check
     */
    public static Store open(StoreConfig config, Path baseDir) {
        StoreConfig store = config == null ? StoreConfig.defaults() : config;
        if (store.poolSize() < 1) {
            throw new StoreException("store.pool-size is " + store.poolSize()
                    + ", but the store needs at least one connection — set store.pool-size to 1 or more (default 8)");
        }
        Database database = switch (store.type()) {
            case sqlite -> SqliteDatabase.open(SqliteDatabase.dataDirectory(store, baseDir), store.poolSize());
            case postgresql -> PostgresDatabase.open(store.url(), store.username(), store.password(), store.poolSize());
        };
        return new Store(database);
    }

    /** Named values kept across restarts; see {@link Settings}. */
    public Settings settings() {
        return settings;
    }

    /**
     * The pooled connections, for modules that keep their own tables (API keys, audit log, …).
     * Their tables are created by migrations in this module; see the module README.
     */
    public DataSource dataSource() {
        return database.pool();
    }

    /** Which engine holds the data; modules use it where the SQL of the two engines differs. */
    public Kind kind() {
        return database.kind();
    }

    /** Closes the connection pool. Calling it again does nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            database.close();
        }
    }

    @Override
    public String toString() {
        return "Store[" + database.location() + "]";
    }
}
