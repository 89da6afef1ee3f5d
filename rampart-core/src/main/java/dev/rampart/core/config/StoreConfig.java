package dev.rampart.core.config;

/** Durable storage. */
public record StoreConfig(
        @Doc("'sqlite' (embedded, default) or 'postgresql' (cluster).") Kind type,
        @Doc("Directory for the SQLite database and other local data; relative paths are relative to the "
                + "config file. Default ./rampart-data.") String dataDir,
        @Doc("PostgreSQL JDBC URL, e.g. jdbc:postgresql://db:5432/rampart (postgresql only).") String url,
        @Doc("PostgreSQL user (postgresql only).") String username,
        @Secret @Doc("PostgreSQL password; use ${ENV} or ${file:...} (postgresql only).") String password,
        @Doc("Most pooled database connections. Default 8 (SQLite: writes are serialised anyway).") Integer poolSize) {

    /** Supported store engines. */
    public enum Kind {
        sqlite,
        postgresql
    }

    public StoreConfig {
        type = type == null ? Kind.sqlite : type;
        dataDir = dataDir == null ? "./rampart-data" : dataDir;
        poolSize = poolSize == null ? 8 : poolSize;
    }

    public static StoreConfig defaults() {
        return new StoreConfig(null, null, null, null, null, null);
    }
}
