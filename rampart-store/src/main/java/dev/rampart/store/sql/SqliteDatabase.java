package dev.rampart.store.sql;

import com.zaxxer.hikari.HikariConfig;
import dev.rampart.core.config.StoreConfig;
import dev.rampart.core.config.StoreConfig.Kind;
import dev.rampart.store.StoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConfig.JournalMode;
import org.sqlite.SQLiteConfig.SynchronousMode;
import org.sqlite.SQLiteConfig.TransactionMode;
import org.sqlite.SQLiteDataSource;

/**
 * Opens the embedded store: the file {@code rampart.db} in the data directory, created owner-only
 * when missing, pooled and migrated.
 *
 * <p>Concurrency. SQLite lets one writer at a time hold the write lock, whether the writers are
 * connections of this pool or other processes (a {@code rampart admin} command run beside the
 * gateway). Rather than a single writer connection, which would only queue the writers of this
 * process, every connection waits for the lock up to {@link #BUSY_TIMEOUT_MILLIS} (SQLite retries
 * with back-off) instead of failing with SQLITE_BUSY; writes are short, so the wait is too. Reads
 * run in parallel beside the writer under WAL, so the pool keeps its configured size. Explicit
 * transactions begin IMMEDIATE, taking the write lock at BEGIN: a deferred transaction that reads
 * and then writes cannot wait, SQLite fails it with SQLITE_BUSY at once because its snapshot went
 * stale, which taking the lock first turns into a wait.
 */
public final class SqliteDatabase {

    /** The database file inside the data directory. */
    public static final String FILE_NAME = "rampart.db";

    /** How long a writer waits for the write lock before the operation fails. */
    public static final int BUSY_TIMEOUT_MILLIS = 10_000;

    private static final String OPEN_REMEDY = "check store.data-dir in the config";
    private static final String OPERATION_REMEDY =
            "check that the disk is not full and that no other program keeps the database file locked";
    private static final String MIGRATION_REMEDY = "the file may belong to another program or have been edited by hand; "
            + "point store.data-dir at Rampart's own data directory, or restore a backup";

    /** Serialises migrations within this JVM, which the migration lock file cannot (see {@link #migrateAlone}). */
    private static final Object MIGRATION_MONITOR = new Object();

    private SqliteDatabase() {
    }

    /**
     * The absolute data directory that {@code store.data-dir} names: relative paths are taken from
     * the config file's directory {@code baseDir} (the current directory when null).
     */
    public static Path dataDirectory(StoreConfig config, Path baseDir) {
        String dataDir = config.dataDir();
        if (dataDir.isBlank()) {
            throw new StoreException("store.data-dir is empty — set it to the directory for Rampart's data, "
                    + "or remove it to use ./rampart-data next to the config file");
        }
        try {
            Path base = baseDir == null ? Path.of("") : baseDir;
            return base.resolve(dataDir).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new StoreException("store.data-dir '" + dataDir + "' is not a valid path: " + e.getReason()
                    + " — " + OPEN_REMEDY, e);
        }
    }

    /** Opens (creating when missing) and migrates the store in {@code dataDir}; blocks until it is ready. */
    public static Database open(Path dataDir, int poolSize) {
        createDataDirectory(dataDir);
        Path file = dataDir.resolve(FILE_NAME);
        createDatabaseFile(file);
        String location = "the SQLite store at " + file;
        return underOpenLock(dataDir, location, () -> Database.openMigrated(poolConfig(file, poolSize), Kind.sqlite,
                location, "cannot open", OPEN_REMEDY, OPERATION_REMEDY, MIGRATION_REMEDY, null));
    }

    private static HikariConfig poolConfig(Path file, int poolSize) {
        SQLiteConfig sqlite = new SQLiteConfig();
        // WAL: readers do not block the writer nor it them, and a commit appends instead of
        // rewriting pages. NORMAL: in WAL mode a power loss can lose the last commits but never
        // corrupt the file, and commits skip an fsync each.
        sqlite.setJournalMode(JournalMode.WAL);
        sqlite.setSynchronous(SynchronousMode.NORMAL);
        sqlite.enforceForeignKeys(true);
        sqlite.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        sqlite.setTransactionMode(TransactionMode.IMMEDIATE);
        SQLiteDataSource source = new SQLiteDataSource(sqlite);
        source.setUrl("jdbc:sqlite:" + file);

        HikariConfig pool = new HikariConfig();
        pool.setPoolName("rampart-sqlite");
        pool.setDataSource(source);
        pool.setMaximumPoolSize(poolSize);
        return pool;
    }

    /** Creates the data directory owner-only: it holds credential hashes and the audit log. */
    private static void createDataDirectory(Path dir) {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Path parent = dir.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.createDirectory(dir, ownerOnly(dir, "rwx------"));
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw new StoreException("cannot create the data directory " + dir + " for the SQLite store: "
                        + why(e) + " — " + OPEN_REMEDY, e);
            }
            // another process created it at the same moment
        } catch (IOException e) {
            throw new StoreException("cannot create the data directory " + dir + " for the SQLite store: "
                    + why(e) + " — " + OPEN_REMEDY, e);
        }
    }

    /**
     * Creates the empty database file owner-only before SQLite opens it, because SQLite gives its
     * -wal and -shm files the permissions of the database file.
     */
    private static void createDatabaseFile(Path file) {
        if (Files.exists(file)) {
            return;
        }
        try {
            Files.createFile(file, ownerOnly(file, "rw-------"));
        } catch (FileAlreadyExistsException e) {
            // another process created it at the same moment
        } catch (IOException e) {
            throw new StoreException("cannot create the SQLite file " + file + ": " + why(e) + " — " + OPEN_REMEDY, e);
        }
    }

    /**
     * Opening runs under a lock file beside the database. Flyway cannot lock a SQLite database
     * while it migrates (on PostgreSQL it takes an advisory lock), so two processes opening a fresh
     * data directory at once could both create the same tables; and the first connection to a
     * fresh file switches it to WAL, which needs an exclusive lock that a second opener would meet
     * as SQLITE_BUSY. The monitor serialises the stores of this JVM, because a JVM may hold only one
     * lock on a file.
     */
    private static Database underOpenLock(Path dataDir, String location, java.util.function.Supplier<Database> open) {
        Path lockFile = dataDir.resolve(FILE_NAME + ".migration-lock");
        synchronized (MIGRATION_MONITOR) {
            try (FileChannel channel = FileChannel.open(lockFile,
                    Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), ownerOnly(lockFile, "rw-------"))) {
                FileLock lock = channel.lock();
                try {
                    return open.get();
                } finally {
                    lock.release();
                }
            } catch (IOException e) {
                throw new StoreException("cannot lock " + lockFile + " to open " + location + ": "
                        + why(e) + " — " + OPEN_REMEDY, e);
            }
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path path, String permissions) {
        if (!path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))};
    }

    /** File-system errors in words: the JDK's messages are often just the path, or the path twice. */
    private static String why(IOException e) {
        if (e instanceof AccessDeniedException denied) {
            return "permission denied on " + denied.getFile();
        }
        if (e instanceof FileAlreadyExistsException exists) {
            return exists.getFile() + " exists and is not a directory";
        }
        if (e instanceof FileSystemException failed && failed.getReason() != null) {
            return failed.getFile() + ": " + failed.getReason();
        }
        return Database.reason(e, null);
    }
}
