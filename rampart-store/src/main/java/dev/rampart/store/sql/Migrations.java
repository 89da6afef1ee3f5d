package dev.rampart.store.sql;

import dev.rampart.core.config.StoreConfig.Kind;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database's schema up to date with Flyway. Each engine has its own migration directory,
 * {@code db/migration/sqlite} and {@code db/migration/postgresql}, because their SQL differs in
 * types (TEXT timestamps and STRICT tables against TIMESTAMPTZ, BLOB against BYTEA, …); every
 * version exists in both, which a test checks.
 */
public final class Migrations {

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {
    }

    /** The class-path directory holding the migrations of {@code kind}. */
    public static String directory(Kind kind) {
        return "db/migration/" + kind.name();
    }

    /**
     * Applies the pending migrations. Migrations newer than this build (left by a newer Rampart
     * sharing the database) are tolerated, so a rolling upgrade can run old and new side by side.
     *
     * @param remedy what the operator should do when migrating fails
     */
    static void apply(Database database, String remedy) {
        MigrateResult result;
        try {
            result = Flyway.configure(Migrations.class.getClassLoader())
                    .loggers("slf4j")
                    .dataSource(database.pool())
                    .locations("classpath:" + directory(database.kind()))
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw database.failure("apply the schema migrations to", e, remedy);
        }
        if (result.migrationsExecuted > 0) {
            LOG.info("Applied {} schema migration(s) to {}; schema is now at version {}",
                    result.migrationsExecuted, database.location(), result.targetSchemaVersion);
        }
    }
}
