package dev.rampart.validation.body;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A media type from a {@code Content-Type} header or a declared range (RFC 9110 §8.3.1):
 * {@code type/subtype} in lowercase, and parameters with lowercase names.
 */
public record MediaType(String type, String subtype, Map<String, String> parameters) {

    public MediaType {
        parameters = Map.copyOf(parameters);
    }

    /** Parses {@code text}; null when it is not {@code type/subtype[; name=value]*}. */
    public static MediaType parse(String text) {
        if (text == null) {
            return null;
        }
        String[] pieces = text.split(";");
        String essence = pieces[0].trim().toLowerCase(Locale.ROOT);
        int slash = essence.indexOf('/');
        if (slash <= 0 || slash == essence.length() - 1 || essence.indexOf('/', slash + 1) >= 0
                || !isToken(essence.substring(0, slash)) || !isToken(essence.substring(slash + 1))) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 1; i < pieces.length; i++) {
            String piece = pieces[i].trim();
            int eq = piece.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String value = piece.substring(eq + 1).trim();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            parameters.putIfAbsent(piece.substring(0, eq).trim().toLowerCase(Locale.ROOT), value);
        }
        return new MediaType(essence.substring(0, slash), essence.substring(slash + 1), parameters);
    }

    private static boolean isToken(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    /** {@code type/subtype} without parameters. */
    public String essence() {
        return type + "/" + subtype;
    }

    /** Whether this range ({@code application/json}, {@code application/*}, {@code *}{@code /*}) includes {@code actual}. */
    public boolean includes(MediaType actual) {
        if (type.equals("*")) {
            return true;
        }
        if (!type.equals(actual.type)) {
            return false;
        }
        return subtype.equals("*") || subtype.equals(actual.subtype);
    }

    /** JSON: {@code application/json} or any {@code +json} structured syntax suffix (RFC 6839). */
    public boolean isJson() {
        return subtype.equals("json") || subtype.endsWith("+json");
    }

    /** XML: {@code application/xml}, {@code text/xml} or any {@code +xml} suffix. */
    public boolean isXml() {
        return subtype.equals("xml") || subtype.endsWith("+xml");
    }

    public boolean isMultipartFormData() {
        return type.equals("multipart") && subtype.equals("form-data");
    }
}
