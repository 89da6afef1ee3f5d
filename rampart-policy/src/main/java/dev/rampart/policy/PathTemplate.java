package dev.rampart.policy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A path as {@code policy.routes[i].path} writes it: exact ({@code /health}) or a template whose
 * {@code {name}} segments each match one non-empty segment ({@code /orgs/{org}/messages}) — the
 * same syntax as a route's {@code match.path}. Parameter values are percent-decoded.
 */
final class PathTemplate {

    private final String text;
    private final String[] literals; // null where a parameter stands
    private final String[] names;

    private PathTemplate(String text, String[] literals, String[] names) {
        this.text = text;
        this.literals = literals;
        this.names = names;
    }

    static PathTemplate parse(String template) {
        if (template == null || !template.startsWith("/")) {
            throw new IllegalArgumentException("path '" + template + "' must start with '/', e.g. /orgs/{org}/messages");
        }
        String[] parts = template.substring(1).split("/", -1);
        String[] literals = new String[parts.length];
        String[] names = new String[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.startsWith("{") && p.endsWith("}") && p.length() > 2) {
                String name = p.substring(1, p.length() - 1);
                for (int j = 0; j < i; j++) {
                    if (name.equals(names[j])) {
                        throw new IllegalArgumentException("path template '" + template + "' names the parameter {"
                                + name + "} twice; give each parameter its own name");
                    }
                }
                names[i] = name;
            } else if (p.indexOf('{') >= 0 || p.indexOf('}') >= 0) {
                throw new IllegalArgumentException("path template '" + template
                        + "': a parameter must be a whole segment, like /orgs/{org}");
            } else {
                literals[i] = p;
            }
        }
        return new PathTemplate(template, literals, names);
    }

    /** The parameters when {@code path} matches, else null. */
    Map<String, String> match(String path) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            return null;
        }
        Map<String, String> params = null;
        int pos = 1;
        for (int i = 0; i < literals.length; i++) {
            if (pos > path.length()) {
                return null;
            }
            int end = path.indexOf('/', pos);
            if (end < 0) {
                end = path.length();
            }
            boolean last = i == literals.length - 1;
            if (last != (end == path.length())) {
                return null;
            }
            if (literals[i] != null) {
                if (end - pos != literals[i].length() || !path.startsWith(literals[i], pos)) {
                    return null;
                }
            } else {
                if (end == pos) {
                    return null;
                }
                if (params == null) {
                    params = new LinkedHashMap<>(4);
                }
                params.put(names[i], decodeSegment(path, pos, end));
            }
            pos = end + 1;
        }
        return params == null ? Map.of() : params;
    }

    /** Percent-decodes one segment as UTF-8; a malformed escape is kept as sent ({@code +} is not a space in paths). */
    private static String decodeSegment(String path, int from, int to) {
        int percent = path.indexOf('%', from);
        if (percent < 0 || percent >= to) {
            return path.substring(from, to);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            char c = path.charAt(i);
            int hi = c == '%' && i + 2 < to ? Character.digit(path.charAt(i + 1), 16) : -1;
            int lo = hi >= 0 ? Character.digit(path.charAt(i + 2), 16) : -1;
            if (lo >= 0) {
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(raw, 0, raw.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return text;
    }
}
