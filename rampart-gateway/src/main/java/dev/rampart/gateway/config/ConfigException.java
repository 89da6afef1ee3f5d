package dev.rampart.gateway.config;

import java.nio.file.Path;
import java.util.List;

/**
 * A config file that cannot be used, with every error found in it (not only the first), each
 * located by line, column and key path. The message lists them all, one per line, headed by the
 * file.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final transient List<ConfigIssue> errors;

    public ConfigException(Path file, List<ConfigIssue> errors) {
        super(describe(file, errors));
        this.file = file;
        this.errors = List.copyOf(errors);
    }

    /** The config file, absolute. */
    public Path file() {
        return file;
    }

    /** The errors, in the order they appear in the file; never empty. */
    public List<ConfigIssue> errors() {
        return errors;
    }

    private static String describe(Path file, List<ConfigIssue> errors) {
        StringBuilder s = new StringBuilder("invalid config ").append(file).append(" (").append(errors.size())
                .append(errors.size() == 1 ? " error" : " errors").append("):");
        for (ConfigIssue e : errors) {
            s.append(System.lineSeparator()).append("  ").append(e);
        }
        return s.toString();
    }
}
