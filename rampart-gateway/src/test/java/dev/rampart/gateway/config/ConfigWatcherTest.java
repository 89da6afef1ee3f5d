package dev.rampart.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reloading when the config file changes: in place, by atomic rename, and not at all once closed. */
class ConfigWatcherTest {

    private static final Duration POLL = Duration.ofMillis(50);

    /** What one callback got: the next config, or the error. */
    private record Change(LoadedConfig next, ConfigException error) {
    }

    @TempDir
    Path dir;

    private Path file;
    private final BlockingQueue<Change> changes = new LinkedBlockingQueue<>();
    private ConfigWatcher watcher;

    @BeforeEach
    void start() {
        file = TestConfigs.write(dir, routeTo("/v1"));
        watcher = ConfigWatcher.start(file, POLL, (next, error) -> changes.add(new Change(next, error)));
    }

    @AfterEach
    void stop() {
        watcher.close();
    }

    private static String routeTo(String prefix) {
        return TestConfigs.ROUTE.replace("path-prefix: /", "path-prefix: " + prefix);
    }

    private Change nextChange() throws InterruptedException {
        Change change = changes.poll(10, TimeUnit.SECONDS);
        assertThat(change).as("a change reported within 10s").isNotNull();
        return change;
    }

    /**
     * The next config reported, passing over errors: Files.writeString truncates, then writes. The
     * watcher loads a file only once two polls read it alike, but this test polls every 50 ms, and a
     * writer held up that long between the two steps (a GC pause on a loaded CI machine) leaves an
     * empty file for two polls, which is rightly reported as an error before the finished edit.
     */
    private LoadedConfig nextConfig() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            Change change = changes.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(change).as("a valid config reported within 10s").isNotNull();
            if (change.next() != null) {
                return change.next();
            }
        }
    }

    @Test
    void reportsAnInPlaceEdit() throws Exception {
        Files.writeString(file, routeTo("/v2"));

        assertThat(nextConfig().config().routes().get(0).match().pathPrefix()).isEqualTo("/v2");
    }

    @Test
    void reportsAnAtomicRenameOntoTheFile() throws Exception {
        Path next = TestConfigs.write(dir, "next.yaml", routeTo("/v3"));
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        Change change = nextChange();

        assertThat(change.next().config().routes().get(0).match().pathPrefix()).isEqualTo("/v3");
        assertThat(change.next().file()).isEqualTo(file.toAbsolutePath());
    }

    @Test
    void reportsABadEditAsAnErrorAndThenTheFix() throws Exception {
        Files.writeString(file, "routes: [this is not: valid");

        // Errors only: maybe first one of the empty file (see nextConfig), then the syntax error.
        Change bad;
        do {
            bad = nextChange();
            assertThat(bad.next()).as("no config from a bad edit").isNull();
        } while (!bad.error().errors().toString().contains("rampart.yaml:1:28: YAML syntax:"));
        assertThat(bad.error().errors()).singleElement().asString().startsWith("rampart.yaml:1:28: YAML syntax:");

        Files.writeString(file, routeTo("/fixed"));
        assertThat(nextConfig().config().routes().get(0).match().pathPrefix()).isEqualTo("/fixed");
    }

    @Test
    void seesAnEditOfTheSameSizeWithinTheSameSecond() throws Exception {
        FileTime before = Files.getLastModifiedTime(file);
        Files.writeString(file, routeTo("/v9"));
        Files.setLastModifiedTime(file, before);

        assertThat(nextConfig().config().routes().get(0).match().pathPrefix()).isEqualTo("/v9");
    }

    @Test
    void doesNotReportAFileTouchedWithTheSameContent() throws Exception {
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        Files.writeString(file, Files.readString(file));

        assertThat(changes.poll(POLL.toMillis() * 6, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void keepsWatchingWhenTheHandlerThrows() throws Exception {
        watcher.close();
        watcher = ConfigWatcher.start(file, POLL, (next, error) -> {
            changes.add(new Change(next, error));
            throw new IllegalStateException("handler bug");
        });

        Files.writeString(file, routeTo("/a"));
        assertThat(nextConfig().config().routes().get(0).match().pathPrefix()).isEqualTo("/a");
        Files.writeString(file, routeTo("/b"));

        assertThat(nextConfig().config().routes().get(0).match().pathPrefix()).isEqualTo("/b");
        assertThat(watcher.isRunning()).isTrue();
    }

    @Test
    void stopsOnClose() throws Exception {
        watcher.close();

        assertThat(watcher.isRunning()).isFalse();
        Files.writeString(file, routeTo("/after-close"));
        assertThat(changes.poll(POLL.toMillis() * 6, TimeUnit.MILLISECONDS)).isNull();
    }
}
