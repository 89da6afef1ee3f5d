package dev.rampart.gateway.config;

import static net.logstash.logback.argument.StructuredArguments.kv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a config file and loads it again whenever its content changes.
 *
 * <p>It polls rather than using the file system's change notifications, which miss an editor's or
 * Kubernetes' atomic rename onto the watched name (the watched inode goes away) and do not work on
 * every mount. Each poll compares modification time, size and a SHA-256 of the content, so a
 * rename and an edit within the same second at the same size are both seen. A changed file is
 * loaded only once it reads the same on two polls in a row, so a half-written file is not
 * reported as broken. A file touched or rewritten with the same content is not a change.
 *
 * <p>The callback gets {@code (next, null)} for a good file and {@code (null, error)} for a bad
 * one (the caller keeps its current config), once per distinct content. It runs on the watcher's
 * own daemon thread; nothing it throws stops the watcher.
 */
public final class ConfigWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConfigWatcher.class);

    private final Path file;
    private final long pollMillis;
    private final BiConsumer<LoadedConfig, ConfigException> onChange;
    private final ConfigSecrets secrets;
    private final Thread thread;
    private final Object wakeUp = new Object();
    private volatile boolean closed;
    private Stamp loaded;

    /** What a poll saw: equal stamps mean an unchanged file; a touch changes the stamp but not the content. */
    private record Stamp(long modifiedMillis, long size, byte[] sha256) {
        boolean sameContent(Stamp other) {
            return other != null && other.size == size && Arrays.equals(other.sha256, sha256);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Stamp s && s.modifiedMillis == modifiedMillis && s.size == size
                    && Arrays.equals(s.sha256, sha256);
        }

        @Override
        public int hashCode() {
            return Objects.hash(modifiedMillis, size, Arrays.hashCode(sha256));
        }
    }

    private static final Stamp MISSING = new Stamp(-1, -1, new byte[0]);

    private ConfigWatcher(Path file, Duration pollInterval, ConfigSecrets secrets,
            BiConsumer<LoadedConfig, ConfigException> onChange) {
        this.secrets = secrets;
        this.file = file.toAbsolutePath().normalize();
        this.pollMillis = Math.max(1, pollInterval.toMillis());
        this.onChange = onChange;
        this.thread = new Thread(this::run, "rampart-config-watcher");
        this.thread.setDaemon(true);
    }

    /**
     * Starts watching; the file's current content is taken as already loaded.
     *
     * @param pollInterval how often to look at the file; a change is reported after one to two intervals
     */
    public static ConfigWatcher start(Path file, Duration pollInterval, BiConsumer<LoadedConfig, ConfigException> onChange) {
        return start(file, pollInterval, null, onChange);
    }

    /**
     * Starts watching, {@code ${secret:...}} references resolved by {@code secrets} (the running
     * gateway's crypto service; null to open the store the file names on each load).
     */
    public static ConfigWatcher start(Path file, Duration pollInterval, ConfigSecrets secrets,
            BiConsumer<LoadedConfig, ConfigException> onChange) {
        Objects.requireNonNull(onChange, "onChange");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("poll interval must be positive, was " + pollInterval);
        }
        ConfigWatcher watcher = new ConfigWatcher(file, pollInterval, secrets, onChange);
        try {
            watcher.loaded = watcher.stamp();
        } catch (IllegalStateException e) {
            watcher.loaded = MISSING; // unreadable now: the first readable content counts as a change
        }
        watcher.thread.start();
        return watcher;
    }

    private void run() {
        Stamp pending = null;
        while (!closed) {
            pause();
            if (closed) {
                return;
            }
            try {
                Stamp now = stamp();
                if (now.sameContent(loaded)) {
                    loaded = now;
                    pending = null;
                } else if (now.equals(pending)) {
                    loaded = now;
                    pending = null;
                    reload();
                } else {
                    pending = now; // changed since the last poll: wait until it holds still
                }
            } catch (RuntimeException e) {
                log.warn("config watcher could not read the file; it tries again", kv("file", file.toString()),
                        kv("error", e.toString()));
            }
        }
    }

    /** Waits one poll interval, or until {@link #close()}; never interrupts a running callback. */
    private void pause() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pollMillis);
        synchronized (wakeUp) {
            long left;
            while (!closed && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(wakeUp, left);
                } catch (InterruptedException e) {
                    closed = true;
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private void reload() {
        LoadedConfig next;
        try {
            next = ConfigLoader.load(file, secrets);
        } catch (ConfigException e) {
            deliver(null, e);
            return;
        } catch (RuntimeException e) {
            // A bug in a check, not a bad file: the caller keeps its config and the next edit is tried again.
            log.error("config could not be checked; the change is ignored", kv("file", file.toString()), e);
            return;
        }
        deliver(next, null);
    }

    private void deliver(LoadedConfig next, ConfigException error) {
        if (closed) {
            return;
        }
        try {
            onChange.accept(next, error);
        } catch (RuntimeException e) {
            log.error("config change handler failed; watching goes on", kv("file", file.toString()), e);
        }
    }

    private Stamp stamp() {
        try {
            long modified = Files.getLastModifiedTime(file).toMillis();
            byte[] content = Files.readAllBytes(file);
            return new Stamp(modified, content.length, sha256(content));
        } catch (NoSuchFileException e) {
            return MISSING; // between a delete and a create; a file that stays missing is reported by the load
        } catch (IOException e) {
            throw new IllegalStateException(e.toString(), e);
        }
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Stops watching and waits briefly for the thread to end; no callback starts after this returns. */
    @Override
    public void close() {
        closed = true;
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether the watcher thread still runs (for tests and health checks). */
    public boolean isRunning() {
        return thread.isAlive();
    }
}
