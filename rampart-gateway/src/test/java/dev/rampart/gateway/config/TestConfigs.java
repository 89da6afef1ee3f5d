package dev.rampart.gateway.config;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes configs into a test's temporary directory and loads them as the gateway does. */
final class TestConfigs {

    /** A route that passes every check, for configs that test something else. */
    static final String ROUTE = """
            routes:
              - id: main
                match:
                  path-prefix: /
                upstream:
                  urls: [http://127.0.0.1:9000]
            """;

    private TestConfigs() {
    }

    static Path write(Path dir, String yaml) {
        return write(dir, "rampart.yaml", yaml);
    }

    static Path write(Path dir, String name, String content) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LoadedConfig load(Path dir, String yaml) {
        return ConfigLoader.load(write(dir, yaml));
    }

    /** The errors of a config that must not load, as their string form. */
    static List<String> errors(Path dir, String yaml) {
        return exception(dir, yaml).errors().stream().map(ConfigIssue::toString).toList();
    }

    static ConfigException exception(Path dir, String yaml) {
        try {
            LoadedConfig loaded = load(dir, yaml);
            return fail("expected the config to be refused, but it loaded: " + loaded);
        } catch (ConfigException e) {
            return e;
        }
    }

    static List<String> warnings(Path dir, String yaml) {
        return load(dir, yaml).warnings().stream().map(ConfigIssue::toString).toList();
    }

    /** The demo config shipped in the jar, copied into {@code dir}. */
    static Path demo(Path dir) {
        try (InputStream in = TestConfigs.class.getResourceAsStream("/demo/rampart.yaml")) {
            Path file = dir.resolve("rampart.yaml");
            Files.copy(in, file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
