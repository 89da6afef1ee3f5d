package dev.rampart.validation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code application/problem+json} body (RFC 9457) for a rejected request: type, title,
 * status, detail, instance, the request id, and an {@code errors} array with one entry per
 * violation ({@code in}, {@code name}, {@code pointer}, {@code rule}, {@code expected},
 * {@code detail}).
 *
 * <p>The rejected values are never written: violations do not hold them. Names and pointers come
 * from the client (a property name is client data) and are written JSON-escaped, with
 * {@code < > & '} as {@code \}{@code u} escapes, so the body cannot turn into markup even where a
 * browser sniffs it, and each is cut to {@value #MAX_TEXT} characters.
 */
public final class ValidationProblem {

    /** The problem type URI of validation failures. */
    public static final String TYPE = "https://rampart.dev/problems/validation";
    static final int MAX_TEXT = 200;
    /** At most this many errors are listed; the detail says how many there were. */
    static final int MAX_ERRORS = 50;

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private ValidationProblem() {
    }

    /**
     * The problem body for {@code result} of the request with {@code requestId} at {@code instance}
     * (the request path, or null).
     */
    public static String json(ValidationResult result, String requestId, String instance) {
        ObjectNode problem = MAPPER.createObjectNode();
        problem.put("type", TYPE);
        problem.put("title", titleOf(result.status()));
        problem.put("status", result.status());
        int count = result.violations().size();
        problem.put("detail", count == 1 ? "1 violation" : count + " violations"
                + (count > MAX_ERRORS ? "; the first " + MAX_ERRORS + " are listed" : ""));
        if (instance != null) {
            problem.put("instance", cut(instance));
        }
        if (requestId != null) {
            problem.put("requestId", cut(requestId));
        }
        ArrayNode errors = problem.putArray("errors");
        for (Map<String, String> fields : errors(result)) {
            ObjectNode error = errors.addObject();
            fields.forEach(error::put);
        }
        return htmlSafe(MAPPER.writeValueAsString(problem));
    }

    /**
     * The entries of the {@code errors} array for {@code result}, for a caller that writes the
     * problem body itself (the gateway): at most {@value #MAX_ERRORS}, members {@code in},
     * {@code name}, {@code pointer}, {@code rule}, {@code expected}, {@code detail} in that order,
     * absent ones left out, each cut to {@value #MAX_TEXT} characters. The caller must JSON-escape them.
     */
    public static List<Map<String, String>> errors(ValidationResult result) {
        List<Violation> violations = result.violations();
        List<Map<String, String>> out = new ArrayList<>(Math.min(violations.size(), MAX_ERRORS));
        for (int i = 0; i < Math.min(violations.size(), MAX_ERRORS); i++) {
            Violation v = violations.get(i);
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("in", v.in().name());
            putCut(fields, "name", v.name());
            putCut(fields, "pointer", v.pointer().isEmpty() ? null : v.pointer());
            putCut(fields, "rule", v.rule());
            putCut(fields, "expected", v.expected().isEmpty() ? null : v.expected());
            putCut(fields, "detail", v.detail());
            out.add(fields);
        }
        return out;
    }

    private static void putCut(Map<String, String> fields, String member, String value) {
        if (value != null) {
            fields.put(member, cut(value));
        }
    }

    private static String titleOf(int status) {
        return switch (status) {
            case 404 -> "No such operation";
            case 405 -> "Method not allowed";
            case 413 -> "Request body too large";
            case 415 -> "Unsupported media type";
            case 502 -> "Upstream response breaks the contract";
            default -> "Request validation failed";
        };
    }

    private static String cut(String s) {
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "…";
    }

    /** These characters occur only inside JSON strings here, where a \\u escape means the same. */
    private static String htmlSafe(String json) {
        StringBuilder sb = new StringBuilder(json.length() + 16);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> sb.append("\\u003c");
                case '>' -> sb.append("\\u003e");
                case '&' -> sb.append("\\u0026");
                case '\'' -> sb.append("\\u0027");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
