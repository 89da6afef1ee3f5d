package dev.rampart.gateway.config;

import dev.rampart.core.config.RampartConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A config file that passed every check: the bound configuration with its defaults filled in,
 * where it came from, and the warnings found on the way.
 */
public final class LoadedConfig {

    private final RampartConfig config;
    private final Path file;
    private final Path baseDir;
    private final List<ConfigIssue> warnings;
    private final Set<String> referencedPaths;

    LoadedConfig(RampartConfig config, Path file, Path baseDir, List<ConfigIssue> warnings, Set<String> referencedPaths) {
        this.config = config;
        this.file = file;
        this.baseDir = baseDir;
        this.warnings = List.copyOf(warnings);
        this.referencedPaths = Set.copyOf(referencedPaths);
    }

    public RampartConfig config() {
        return config;
    }

    /** The config file, absolute. */
    public Path file() {
        return file;
    }

    /** The file's directory: relative paths in the config (data-dir, certificates, CA files) resolve against it. */
    public Path baseDir() {
        return baseDir;
    }

    /** Findings that do not stop the config from loading, e.g. an admin listener on a public address. */
    public List<ConfigIssue> warnings() {
        return warnings;
    }

    /** Key paths whose value came from a {@code ${...}} reference; they are never shown. */
    Set<String> referencedPaths() {
        return referencedPaths;
    }

    @Override
    public String toString() {
        // Never the config itself: it may hold secrets.
        return "LoadedConfig[" + file + ", " + config.routes().size() + " routes, " + warnings.size() + " warnings]";
    }
}
