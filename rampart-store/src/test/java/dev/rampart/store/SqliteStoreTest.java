package dev.rampart.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rampart.core.config.StoreConfig;
import dev.rampart.core.config.StoreConfig.Kind;
import dev.rampart.store.sql.SqliteDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store, in a fresh temporary directory per test. */
class SqliteStoreTest extends StoreBehaviourTest {

    @TempDir
    Path configDir;

    private static StoreConfig sqliteAt(String dataDir) {
        return new StoreConfig(null, dataDir, null, null, null, null);
    }

    @Override
    Store openStore() {
        return Store.open(sqliteAt("state/rampart-data"), configDir);
    }

    @Override
    String location() {
        return "the SQLite store at " + configDir.resolve("state/rampart-data/rampart.db");
    }

    @Test
    void isTheDefaultEngine() {
        assertThat(store.kind()).isEqualTo(Kind.sqlite);
    }

    @Test
    void createsTheDataDirectoryRelativeToTheConfigFileAndOwnerOnly() throws Exception {
        Path dataDir = configDir.resolve("state/rampart-data");

        assertThat(dataDir.resolve("rampart.db")).isRegularFile();
        assumeTrue(Files.getFileStore(dataDir).supportsFileAttributeView("posix"), "file system without POSIX permissions");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
        for (String file : List.of("rampart.db", "rampart.db-wal", "rampart.db-shm")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(file))))
                    .as(file).isEqualTo("rw-------");
        }
    }

    @Test
    void usesWriteAheadLoggingAndTheDocumentedPragmas() throws SQLException {
        assertThat(queryString(store, "PRAGMA journal_mode")).isEqualTo("wal");
        assertThat(queryLong(store, "PRAGMA foreign_keys")).isEqualTo(1);
        assertThat(queryLong(store, "PRAGMA synchronous")).as("NORMAL").isEqualTo(1);
        assertThat(queryLong(store, "PRAGMA busy_timeout")).isEqualTo(SqliteDatabase.BUSY_TIMEOUT_MILLIS);
    }

    @Test
    void takesAnAbsoluteDataDirectoryAsIsAndACurrentDirectoryBaseWhenNone() {
        Path elsewhere = configDir.resolve("elsewhere").toAbsolutePath();

        try (Store absolute = Store.open(sqliteAt(elsewhere.toString()), null)) {
            absolute.settings().put("k", "v");
        }

        assertThat(elsewhere.resolve("rampart.db")).isRegularFile();
    }

    @Test
    void twoStoresOpeningAFreshDirectoryAtOnceBothMigrateIt() throws Exception {
        StoreConfig fresh = sqliteAt("fresh");

        List<Boolean> opened = race(i -> {
            try (Store racing = Store.open(fresh, configDir)) {
                return racing.settings().compareAndSet("opened-by", null, "thread-" + i);
            }
        });

        assertThat(opened).containsOnlyOnce(true);
    }

    @Test
    void failsNamingThePathWhenTheDataDirectoryCannotBeCreated() throws Exception {
        Files.writeString(configDir.resolve("not-a-directory"), "a regular file");

        assertThatThrownBy(() -> Store.open(sqliteAt("not-a-directory/rampart-data"), configDir))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(configDir.resolve("not-a-directory/rampart-data").toString())
                .hasMessageContaining("not-a-directory")
                .hasMessageEndingWith("check store.data-dir in the config");
    }

    @Test
    void failsNamingTheFileWhenItIsNotASqliteDatabase() throws Exception {
        Path dataDir = Files.createDirectory(configDir.resolve("garbage"));
        Files.writeString(dataDir.resolve("rampart.db"), "this is not a database, just some text that is long enough ".repeat(20));

        assertThatThrownBy(() -> Store.open(sqliteAt("garbage"), configDir))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot open the SQLite store at " + dataDir.resolve("rampart.db") + ": ")
                .hasMessageContaining("not a database")
                .hasMessageEndingWith("check store.data-dir in the config");
    }

    @Test
    void refusesToMigrateTheDatabaseOfAnotherProgram() throws Exception {
        Path dataDir = Files.createDirectory(configDir.resolve("foreign"));
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("rampart.db"));
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)");
        }

        assertThatThrownBy(() -> Store.open(sqliteAt("foreign"), configDir))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot apply the schema migrations to the SQLite store at "
                        + dataDir.resolve("rampart.db") + ": ")
                .hasMessageEndingWith("point store.data-dir at Rampart's own data directory, or restore a backup");
    }

    @Test
    void rejectsAnEmptyDataDirectory() {
        assertThatThrownBy(() -> Store.open(sqliteAt(" "), configDir))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("store.data-dir is empty");
    }
}
