package dev.rampart.gateway.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The errors and warnings found while loading one config file, each placed through the {@link SourceMap}. */
final class Findings {

    private static final Comparator<ConfigIssue> IN_FILE_ORDER =
            Comparator.comparingInt(ConfigIssue::line).thenComparingInt(ConfigIssue::column);

    private final String fileName;
    private final SourceMap source;
    private final List<ConfigIssue> errors = new ArrayList<>();
    private final List<ConfigIssue> warnings = new ArrayList<>();

    Findings(String fileName, SourceMap source) {
        this.fileName = fileName;
        this.source = source;
    }

    SourceMap source() {
        return source;
    }

    /** An error about a value, placed where the value is written. */
    void error(String path, String message) {
        errors.add(issue(source.valuePosition(path), path, message));
    }

    /** An error about a key (unknown, repeated, missing a required child), placed where the key is written. */
    void errorAtKey(String path, String message) {
        errors.add(issue(source.keyPosition(path), path, message));
    }

    void errorAt(SourceMap.Position position, String path, String message) {
        errors.add(issue(position, path, message));
    }

    /** An error about the file as a whole (unreadable, not UTF-8), with no line. */
    void fileError(String message) {
        errors.add(new ConfigIssue(fileName, 0, 0, "", source.mask("", message)));
    }

    /**
     * An error from a check that names its own path at the start of its message, e.g.
     * {@code routes[0].cors.allowed-origins[1]: 'x' has a path}: placed at the longest path written
     * in the file that the message starts with, else at {@code fallbackPath}.
     */
    void errorNamingItsPath(String message, String fallbackPath) {
        String path = source.pathPrefixOf(message);
        if (path == null || !path.startsWith(fallbackPath)) {
            if (!message.startsWith(fallbackPath)) {
                error(fallbackPath, message);
                return;
            }
            path = fallbackPath;
        }
        int colon = message.indexOf(": ", path.length());
        if (message.startsWith(path + ".") && colon > 0) {
            // the message names a key that is not written (a missing setting): place it at the
            // nearest written parent, keep the full path in the message
            errorAtKey(path, message.substring(0, colon), message.substring(colon + 2).trim());
        } else {
            error(path, stripPath(message, path));
        }
    }

    private void errorAtKey(String positionPath, String namedPath, String message) {
        errors.add(issue(source.keyPosition(positionPath), namedPath, message));
    }

    void warning(String path, String message) {
        warnings.add(issue(source.valuePosition(path), path, message));
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    List<ConfigIssue> errors() {
        return sorted(errors);
    }

    List<ConfigIssue> warnings() {
        return sorted(warnings);
    }

    private ConfigIssue issue(SourceMap.Position at, String path, String message) {
        return new ConfigIssue(fileName, at.line(), at.column(), path, source.mask(path, message));
    }

    private static String stripPath(String message, String path) {
        String rest = message.substring(path.length());
        return rest.startsWith(":") ? rest.substring(1).trim() : rest.trim();
    }

    private static List<ConfigIssue> sorted(List<ConfigIssue> issues) {
        List<ConfigIssue> copy = new ArrayList<>(issues);
        copy.sort(IN_FILE_ORDER);
        return List.copyOf(copy);
    }
}
