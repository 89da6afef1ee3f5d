package dev.rampart.store.sql;

import com.zaxxer.hikari.HikariConfig;
import dev.rampart.core.config.StoreConfig.Kind;
import dev.rampart.store.StoreException;
import java.util.regex.Pattern;

/**
 * Opens the cluster store: a PostgreSQL database shared by every gateway process, pooled and
 * migrated (Flyway holds an advisory lock while it migrates, so processes starting together take
 * turns).
 */
public final class PostgresDatabase {

    private static final String URL_PREFIX = "jdbc:postgresql:";
    private static final String OPEN_REMEDY =
            "check store.url, store.username and store.password in the config, and that the server is running";
    private static final String OPERATION_REMEDY = "check that the PostgreSQL server is running and reachable";
    private static final String MIGRATION_REMEDY = "the schema may belong to another program or have been edited by hand; "
            + "point store.url at Rampart's own database (or schema, with ?currentSchema=), or restore a backup";

    /** A password given in the URL as a parameter ({@code ?password=…}) or as user info ({@code //user:…@host}). */
    private static final Pattern URL_PASSWORD_PARAMETER = Pattern.compile("(?i)([?&;]password=)[^&;]*");
    private static final Pattern URL_USER_INFO_PASSWORD = Pattern.compile("(//[^/@:?]*:)[^/@?]*@");

    private PostgresDatabase() {
    }

    /** Connects, fails fast when the server cannot be reached or refuses the login, and migrates. */
    public static Database open(String url, String username, String password, int poolSize) {
        if (url == null || url.isBlank()) {
            throw new StoreException("store.type is postgresql but store.url is not set — set store.url to the "
                    + "database's JDBC URL, e.g. jdbc:postgresql://db.internal:5432/rampart");
        }
        String shownUrl = redact(url);
        if (!url.startsWith(URL_PREFIX)) {
            throw new StoreException("store.url '" + shownUrl + "' is not a PostgreSQL JDBC URL — it must start with "
                    + "jdbc:postgresql://, e.g. jdbc:postgresql://db.internal:5432/rampart");
        }
        String location = "PostgreSQL at " + shownUrl;
        return Database.openMigrated(poolConfig(url, username, password, poolSize), Kind.postgresql, location,
                "cannot connect to", OPEN_REMEDY, OPERATION_REMEDY, MIGRATION_REMEDY, password);
    }

    /** {@code url} fit for a message or a log line: any password in it replaced by ***. */
    public static String redact(String url) {
        String withoutParameter = URL_PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
        return URL_USER_INFO_PASSWORD.matcher(withoutParameter).replaceAll("$1***@");
    }

    private static HikariConfig poolConfig(String url, String username, String password, int poolSize) {
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("rampart-postgresql");
        // named so that a shaded jar whose service files were merged badly still finds the driver
        pool.setDriverClassName("org.postgresql.Driver");
        pool.setJdbcUrl(url);
        pool.setUsername(username);
        pool.setPassword(password);
        pool.setMaximumPoolSize(poolSize);
        return pool;
    }
}
