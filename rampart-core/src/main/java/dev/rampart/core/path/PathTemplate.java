package dev.rampart.core.path;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A URL path pattern with {@code {name}} parameters: the one matcher behind a route's
 * {@code match.path} and {@code match.path-prefix}, {@code policy.routes[].path} and the paths of
 * an OpenAPI document. Immutable and thread-safe; parsed once per config load.
 *
 * <ul>
 *   <li>{@link #parse}: an exact path ({@code /health}) or a template ({@code /orders/{id}}) whose
 *       parameters are whole segments, each matching one non-empty segment;</li>
 *   <li>{@link #prefix}: a prefix on segment boundaries ({@code /api} matches {@code /api} and
 *       {@code /api/x}, not {@code /apix});</li>
 *   <li>{@link #openApi}: an OpenAPI path template, where an expression may share a segment with
 *       text ({@code /files/{name}.json}) but never spans a {@code /} (OpenAPI 3.1 §4.8.8.2).</li>
 * </ul>
 *
 * <p>Two ways to match. {@link #match(String)} takes the path as received (normalised, still
 * percent-encoded): literal text is compared as written, so {@code %2F} is data and never a
 * separator, and parameter values are {@linkplain PercentDecoding percent-decoded}.
 * {@link #match(List)} takes segments already decoded ({@link #decodedSegments}), as OpenAPI
 * describes a path, and compares literal text with the decoded segment.
 */
public final class PathTemplate {

    private enum Kind { EXACT, TEMPLATE, PREFIX }

    private static final Pattern OPENAPI_EXPRESSION = Pattern.compile("\\{([^{}/]+)}");

    /** A segment that mixes text and expressions: the whole segment must match {@code pattern}. */
    private record Mixed(Pattern pattern, String[] names) {
    }

    private final Kind kind;
    private final String text;
    // One entry per segment: its literal text; or, where a parameter stands, null with the
    // parameter's name in names, or with a Mixed in mixed (OpenAPI only).
    private final String[] literals;
    private final String[] names;
    private final Mixed[] mixed;
    private final int literalCount;

    private PathTemplate(Kind kind, String text, String[] literals, String[] names, Mixed[] mixed) {
        this.kind = kind;
        this.text = text;
        this.literals = literals;
        this.names = names;
        this.mixed = mixed;
        int count = 0;
        for (String literal : literals) {
            if (literal != null) {
                count++;
            }
        }
        this.literalCount = count;
    }

    /**
     * An exact path, or a template when it holds a {@code {name}} parameter.
     *
     * @throws IllegalArgumentException when it does not start with {@code /}, a parameter is not a
     *     whole segment, or two parameters share a name
     */
    public static PathTemplate parse(String template) {
        requireAbsolute(template);
        String[] parts = split(template).toArray(String[]::new);
        if (template.indexOf('{') < 0) {
            return new PathTemplate(Kind.EXACT, template, parts, new String[parts.length], new Mixed[parts.length]);
        }
        String[] literals = new String[parts.length];
        String[] names = new String[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.startsWith("{") && p.endsWith("}") && p.length() > 2) {
                names[i] = p.substring(1, p.length() - 1);
            } else if (p.indexOf('{') >= 0 || p.indexOf('}') >= 0) {
                throw new IllegalArgumentException("path template '" + template
                        + "': a parameter must be a whole segment, like /orders/{id}");
            } else {
                literals[i] = p;
            }
        }
        for (int i = 0; i < names.length; i++) {
            for (int j = 0; j < i && names[i] != null; j++) {
                if (names[i].equals(names[j])) {
                    throw new IllegalArgumentException("path template '" + template + "' names the parameter {"
                            + names[i] + "} twice; give each parameter its own name");
                }
            }
        }
        return new PathTemplate(Kind.TEMPLATE, template, literals, names, new Mixed[parts.length]);
    }

    /**
     * A prefix matched on segment boundaries; a trailing slash is ignored, and {@code /} matches
     * every path.
     *
     * @throws IllegalArgumentException when it does not start with {@code /}
     */
    public static PathTemplate prefix(String prefix) {
        requireAbsolute(prefix);
        String p = prefix.length() > 1 && prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        String[] parts = p.equals("/") ? new String[0] : split(p).toArray(String[]::new);
        return new PathTemplate(Kind.PREFIX, p, parts, new String[parts.length], new Mixed[parts.length]);
    }

    /**
     * An OpenAPI path template (a key of {@code paths}): an expression {@code {name}} is a
     * parameter, a segment may hold several with text between them, and a brace that opens no
     * expression is text. Names are not required to differ (the last value of a name wins).
     *
     * @throws IllegalArgumentException when it does not start with {@code /}
     */
    public static PathTemplate openApi(String template) {
        requireAbsolute(template);
        String[] parts = split(template).toArray(String[]::new);
        String[] literals = new String[parts.length];
        String[] names = new String[parts.length];
        Mixed[] mixed = new Mixed[parts.length];
        boolean any = false;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            Matcher m = OPENAPI_EXPRESSION.matcher(part);
            List<String> found = new ArrayList<>();
            StringBuilder regex = new StringBuilder();
            int last = 0;
            while (m.find()) {
                regex.append(Pattern.quote(part.substring(last, m.start()))).append("(.+?)");
                found.add(m.group(1));
                last = m.end();
            }
            if (found.isEmpty()) {
                literals[i] = part;
            } else if (found.size() == 1 && part.length() == found.get(0).length() + 2) {
                names[i] = found.get(0);
            } else {
                regex.append(Pattern.quote(part.substring(last)));
                mixed[i] = new Mixed(Pattern.compile(regex.toString(), Pattern.DOTALL), found.toArray(String[]::new));
            }
            any |= !found.isEmpty();
        }
        return new PathTemplate(any ? Kind.TEMPLATE : Kind.EXACT, template, literals, names, mixed);
    }

    private static void requireAbsolute(String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("path '" + path + "' must start with '/', e.g. /orders/{id}");
        }
    }

    /**
     * Matches a path as received (normalised, percent-encoded), starting with {@code /}.
     *
     * @return the parameter values, percent-decoded (empty for exact paths and prefixes), or null
     *     when the path does not match
     */
    public Map<String, String> match(String path) {
        switch (kind) {
            case EXACT:
                return text.equals(path) ? Map.of() : null;
            case PREFIX:
                return text.equals("/") || (path.startsWith(text)
                        && (path.length() == text.length() || path.charAt(text.length()) == '/')) ? Map.of() : null;
            default:
                return matchTemplate(path);
        }
    }

    private Map<String, String> matchTemplate(String path) {
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
            if ((i == literals.length - 1) != (end == path.length())) {
                return null;
            }
            String literal = literals[i];
            if (literal != null) {
                if (end - pos != literal.length() || !path.startsWith(literal, pos)) {
                    return null;
                }
            } else if ((params = bind(i, path.substring(pos, end), true, params)) == null) {
                return null;
            }
            pos = end + 1;
        }
        return params == null ? Map.of() : params;
    }

    /**
     * Matches a path given as its percent-decoded segments ({@link #decodedSegments}); a prefix
     * matches when its segments lead the path's.
     *
     * @return the parameter values (empty when there are none), or null when the path does not match
     */
    public Map<String, String> match(List<String> decodedSegments) {
        int n = decodedSegments.size();
        if (kind == Kind.PREFIX ? n < literals.length : n != literals.length) {
            return null;
        }
        Map<String, String> params = null;
        for (int i = 0; i < literals.length; i++) {
            String segment = decodedSegments.get(i);
            String literal = literals[i];
            if (literal != null) {
                if (!literal.equals(segment)) {
                    return null;
                }
            } else if ((params = bind(i, segment, false, params)) == null) {
                return null;
            }
        }
        return params == null ? Map.of() : params;
    }

    /**
     * Binds the parameters of segment {@code i} to {@code segment}, into {@code params} (made when
     * null); null when the segment does not fit. A parameter stands for at least one character.
     */
    private Map<String, String> bind(int i, String segment, boolean encoded, Map<String, String> params) {
        if (segment.isEmpty()) {
            return null;
        }
        Mixed m = mixed[i];
        if (m == null) {
            Map<String, String> out = params == null ? new LinkedHashMap<>(4) : params;
            out.put(names[i], encoded ? PercentDecoding.decodeSegment(segment) : segment);
            return out;
        }
        Matcher matcher = m.pattern().matcher(segment);
        if (!matcher.matches()) {
            return null;
        }
        Map<String, String> out = params == null ? new LinkedHashMap<>(4) : params;
        for (int g = 0; g < m.names().length; g++) {
            String value = matcher.group(g + 1);
            out.put(m.names()[g], encoded ? PercentDecoding.decodeSegment(value) : value);
        }
        return out;
    }

    /**
     * The segments of {@code path}, each percent-decoded: {@code /a/b%2Fc/} gives {@code a},
     * {@code b/c} and an empty last segment; {@code /} gives one empty segment.
     *
     * @throws IllegalArgumentException when {@code path} does not start with {@code /}
     */
    public static List<String> decodedSegments(String path) {
        requireAbsolute(path);
        List<String> segments = split(path);
        segments.replaceAll(PercentDecoding::decodeSegment);
        return segments;
    }

    private static List<String> split(String path) {
        List<String> parts = new ArrayList<>();
        int start = 1;
        while (true) {
            int slash = path.indexOf('/', start);
            if (slash < 0) {
                parts.add(path.substring(start));
                return parts;
            }
            parts.add(path.substring(start, slash));
            start = slash + 1;
        }
    }

    /**
     * Orders templates so concrete ones are tried first, as OpenAPI asks ({@code /pets/mine}
     * before {@code /pets/{petId}}): more literal segments first; then, at the first position where
     * one has a literal segment and the other a parameter, the literal; then by text.
     */
    public static int compareSpecificity(PathTemplate a, PathTemplate b) {
        int byLiterals = Integer.compare(b.literalCount, a.literalCount);
        if (byLiterals != 0) {
            return byLiterals;
        }
        for (int i = 0; i < Math.min(a.literals.length, b.literals.length); i++) {
            boolean aLiteral = a.literals[i] != null;
            boolean bLiteral = b.literals[i] != null;
            if (aLiteral != bLiteral) {
                return aLiteral ? -1 : 1;
            }
        }
        return a.text.compareTo(b.text);
    }

    /** The template as written; a prefix as {@code /api/**}. */
    @Override
    public String toString() {
        return kind == Kind.PREFIX ? text + "/**" : text;
    }
}
