package dev.rampart.gateway.config;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where each key and value of a config file is written, and which values came from
 * {@code ${...}} references, so that every finding can point at a line and column and none can
 * show a secret.
 *
 * <p>Paths are written as users read them: {@code routes[2].upstream.urls[0]}; the root is the
 * empty path.
 */
final class SourceMap {

    /** A 1-based line and column. */
    record Position(int line, int column) {
        static final Position START = new Position(1, 1);
    }

    /** What a masked value shows instead of itself. */
    static final String MASK = "********";

    private static final Pattern QUOTED = Pattern.compile("'[^']*'");

    private final Map<String, Position> keys = new HashMap<>();
    private final Map<String, Position> values = new HashMap<>();
    private final Map<String, String> referenced = new LinkedHashMap<>();
    private final Set<String> unresolved = new HashSet<>();
    private final Set<String> containers = new HashSet<>();

    static String child(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    static String element(String parent, int index) {
        return parent + "[" + index + "]";
    }

    static String parent(String path) {
        int cut = path.endsWith("]") ? path.lastIndexOf('[') : path.lastIndexOf('.');
        return cut <= 0 ? "" : path.substring(0, cut);
    }

    void recordKey(String path, Position position) {
        keys.put(path, position);
    }

    /** @param container whether the value is a mapping or list, which findings point at by its key */
    void recordValue(String path, Position position, boolean container) {
        values.put(path, position);
        if (container) {
            containers.add(path);
        }
    }

    void recordReference(String path, String resolvedValue) {
        referenced.put(path, resolvedValue);
    }

    /** A value whose reference could not be resolved: reported once, not again by later checks. */
    void recordUnresolved(String path) {
        unresolved.add(path);
    }

    boolean isUnresolved(String path) {
        return unresolved.contains(path);
    }

    boolean isReferenced(String path) {
        return referenced.containsKey(path);
    }

    Set<String> referencedPaths() {
        return referenced.keySet();
    }

    /** Where the key of {@code path} is written; for a path not in the file, where its nearest ancestor is. */
    Position keyPosition(String path) {
        for (String p = path; ; p = parent(p)) {
            Position at = keys.get(p);
            if (at != null) {
                return at;
            }
            if (p.isEmpty()) {
                return Position.START;
            }
        }
    }

    /**
     * Where the value of {@code path} starts; for a mapping or list, and for a path not in the file,
     * where the key (or the nearest ancestor's key) is, since a block mapping "starts" at its first
     * child, which would point at the wrong line.
     */
    Position valuePosition(String path) {
        Position at = values.get(path);
        if (at == null) {
            return keyPosition(parent(path));
        }
        return containers.contains(path) ? keyPosition(path) : at;
    }

    /**
     * The longest path written in the file that {@code message} starts with, followed by a
     * separator; how a check's message that names its own path ({@code routes[0].cors.max-age is
     * negative}) is placed. Null when there is none.
     */
    String pathPrefixOf(String message) {
        String best = null;
        for (String p : values.keySet()) {
            if (message.startsWith(p) && message.length() > p.length()
                    && (message.charAt(p.length()) == ':' || message.charAt(p.length()) == ' ')
                    && (best == null || p.length() > best.length())) {
                best = p;
            }
        }
        return best;
    }

    /**
     * {@code message}, about {@code path}, with every value that came from a reference replaced by
     * {@link #MASK}. Short values elsewhere are only masked where quoted, so that a one-character
     * value does not garble the text. A message about a referenced value itself also loses every
     * quoted part, since checks quote what they derive from the value too (an origin without its
     * path, a host without its port).
     */
    String mask(String path, String message) {
        String masked = message;
        String own = referenced.get(path);
        if (own != null) {
            masked = QUOTED.matcher(masked).replaceAll("'" + MASK + "'");
            if (!own.isEmpty()) {
                masked = masked.replace(own, MASK);
            }
        }
        for (String value : referenced.values()) {
            if (value.isEmpty()) {
                continue;
            }
            masked = masked.replace("'" + value + "'", "'" + MASK + "'");
            if (value.length() >= 4) {
                masked = masked.replace(value, MASK);
            }
        }
        return masked;
    }
}
