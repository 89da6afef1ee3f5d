package dev.rampart.gateway.route;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The path part of a route match: exact ({@code /health}), template ({@code /orders/{id}}, a
 * parameter matching one non-empty segment), or prefix on segment boundaries ({@code /api} matches
 * {@code /api} and {@code /api/x}, not {@code /apix}). Paths are compared after
 * {@link PathNormalizer normalisation}, percent-encoded as received.
 */
public final class PathPattern {

    private enum Kind { EXACT, TEMPLATE, PREFIX }

    private final Kind kind;
    private final String text;
    private final String[] segments; // template: literal segments, or null where a parameter stands
    private final String[] paramNames;

    private PathPattern(Kind kind, String text, String[] segments, String[] paramNames) {
        this.kind = kind;
        this.text = text;
        this.segments = segments;
        this.paramNames = paramNames;
    }

    /** An exact path or a template, as {@code match.path} writes it. */
    public static PathPattern path(String path) {
        requireAbsolute(path);
        if (path.indexOf('{') < 0) {
            return new PathPattern(Kind.EXACT, path, null, null);
        }
        String[] parts = path.substring(1).split("/", -1);
        String[] literal = new String[parts.length];
        String[] names = new String[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.startsWith("{") && p.endsWith("}") && p.length() > 2) {
                names[i] = p.substring(1, p.length() - 1);
            } else if (p.indexOf('{') >= 0 || p.indexOf('}') >= 0) {
                throw new IllegalArgumentException("path template '" + path
                        + "': a parameter must be a whole segment, like /orders/{id}");
            } else {
                literal[i] = p;
            }
        }
        return new PathPattern(Kind.TEMPLATE, path, literal, names);
    }

    /** A prefix, as {@code match.path-prefix} writes it; a trailing slash is ignored. */
    public static PathPattern prefix(String prefix) {
        requireAbsolute(prefix);
        String p = prefix.length() > 1 && prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return new PathPattern(Kind.PREFIX, p, null, null);
    }

    private static void requireAbsolute(String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("route path '" + path + "' must start with '/'");
        }
    }

    /**
     * Matches a normalised path.
     *
     * @return the path parameters (empty for exact and prefix patterns), or null when it does not match
     */
    public Map<String, String> match(String path) {
        switch (kind) {
            case EXACT:
                return text.equals(path) ? Map.of() : null;
            case PREFIX:
                if (text.equals("/") || path.equals(text)
                        || (path.startsWith(text) && path.length() > text.length() && path.charAt(text.length()) == '/')) {
                    return Map.of();
                }
                return null;
            default:
                return matchTemplate(path);
        }
    }

    private Map<String, String> matchTemplate(String path) {
        int pos = 1;
        Map<String, String> params = null;
        for (int i = 0; i < segments.length; i++) {
            if (pos > path.length()) {
                return null;
            }
            int end = path.indexOf('/', pos);
            if (end < 0) {
                end = path.length();
            }
            boolean last = i == segments.length - 1;
            if (last != (end == path.length())) {
                return null;
            }
            if (segments[i] != null) {
                if (end - pos != segments[i].length() || !path.startsWith(segments[i], pos)) {
                    return null;
                }
            } else {
                if (end == pos) {
                    return null;
                }
                if (params == null) {
                    params = new LinkedHashMap<>(4);
                }
                params.put(paramNames[i], PercentDecoding.decodeSegment(path.substring(pos, end)));
            }
            pos = end + 1;
        }
        return params == null ? Map.of() : params;
    }

    /** The parameter names of a template, in order; empty otherwise. */
    public List<String> parameterNames() {
        List<String> names = new ArrayList<>();
        if (paramNames != null) {
            for (String n : paramNames) {
                if (n != null) {
                    names.add(n);
                }
            }
        }
        return names;
    }

    public boolean isPrefix() {
        return kind == Kind.PREFIX;
    }

    @Override
    public String toString() {
        return kind == Kind.PREFIX ? text + "/**" : text;
    }
}
