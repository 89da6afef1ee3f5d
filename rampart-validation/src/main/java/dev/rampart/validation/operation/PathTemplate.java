package dev.rampart.validation.operation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OpenAPI path template ({@code /orders/{orderId}/items}) matched segment by segment against a
 * request path whose segments are already percent-decoded; a template expression never spans a
 * {@code /} (OpenAPI 3.1 §4.8.8.2), and a segment may mix text and expressions ({@code {name}.json}).
 */
public final class PathTemplate {

    private static final Pattern EXPRESSION = Pattern.compile("\\{([^{}/]+)}");

    private final String template;
    private final List<Object> segments; // String literal, or Segment
    private final int literals;

    private record Segment(Pattern pattern, List<String> names) {
    }

    public PathTemplate(String template) {
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("path '" + template + "' must start with '/'");
        }
        this.template = template;
        this.segments = new ArrayList<>();
        int literalCount = 0;
        for (String part : split(template)) {
            Matcher m = EXPRESSION.matcher(part);
            if (!m.find()) {
                segments.add(part);
                literalCount++;
                continue;
            }
            List<String> names = new ArrayList<>();
            StringBuilder regex = new StringBuilder();
            int last = 0;
            m.reset();
            while (m.find()) {
                regex.append(Pattern.quote(part.substring(last, m.start()))).append("(.+?)");
                names.add(m.group(1));
                last = m.end();
            }
            regex.append(Pattern.quote(part.substring(last)));
            segments.add(new Segment(Pattern.compile(regex.toString(), Pattern.DOTALL), names));
        }
        this.literals = literalCount;
    }

    /** The segments of a path ({@code /a/b/} gives a, b, and an empty last segment). */
    public static List<String> split(String path) {
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

    /** The template's values for {@code decodedSegments}, or null when it does not match. */
    public Map<String, String> match(List<String> decodedSegments) {
        if (decodedSegments.size() != segments.size()) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            Object expected = segments.get(i);
            String actual = decodedSegments.get(i);
            if (expected instanceof String literal) {
                if (!literal.equals(actual)) {
                    return null;
                }
            } else {
                Segment segment = (Segment) expected;
                Matcher m = segment.pattern().matcher(actual);
                if (!m.matches()) {
                    return null;
                }
                for (int g = 0; g < segment.names().size(); g++) {
                    values.put(segment.names().get(g), m.group(g + 1));
                }
            }
        }
        return values;
    }

    /**
     * Orders templates so concrete ones are tried first: OpenAPI says {@code /pets/mine} matches
     * before {@code /pets/{petId}}; among equals, more literal segments first, then by text.
     */
    static int compareSpecificity(PathTemplate a, PathTemplate b) {
        int byLiterals = Integer.compare(b.literals, a.literals);
        if (byLiterals != 0) {
            return byLiterals;
        }
        for (int i = 0; i < Math.min(a.segments.size(), b.segments.size()); i++) {
            boolean aLiteral = a.segments.get(i) instanceof String;
            boolean bLiteral = b.segments.get(i) instanceof String;
            if (aLiteral != bLiteral) {
                return aLiteral ? -1 : 1;
            }
        }
        return a.template.compareTo(b.template);
    }

    @Override
    public String toString() {
        return template;
    }
}
