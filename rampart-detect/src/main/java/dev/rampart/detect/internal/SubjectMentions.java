package dev.rampart.detect.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a data subject's identifiers (a user id, login name, email, API key id, address) appear in
 * incident text, and that text with them redacted. A value counts only as a whole token: bounded by
 * characters that cannot continue an identifier, so erasing the user {@code admin} leaves the event
 * type {@code admin.auth.failed} alone and {@code 10.0.0.1} does not match inside {@code 10.0.0.12}.
 * JSON (evidence, events on the timeline) is walked value by value, never its keys, so a subject
 * named like a field ({@code path}) cannot break the document.
 */
public final class SubjectMentions {

    /** What a redacted value reads as; the audit log shows the same for a shredded subject. */
    public static final String REDACTED = "[erased subject]";

    private final List<String> values;

    /** @param values the identifiers; blank ones are ignored */
    public SubjectMentions(Collection<String> values) {
        List<String> kept = new ArrayList<>();
        for (String v : values) {
            if (v != null && !v.isBlank() && !kept.contains(v)) {
                kept.add(v);
            }
        }
        kept.sort(Comparator.comparingInt(String::length).reversed()); // alice@example.com before alice
        this.values = List.copyOf(kept);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** Whether plain {@code text} names one of the values. */
    public boolean inText(String text) {
        return text != null && !redactText(text).equals(text);
    }

    /** {@code text} with every whole occurrence of a value replaced by {@link #REDACTED}; the same instance when none. */
    public String redactText(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String value : values) {
            out = redact(out, value);
        }
        return out.equals(text) ? text : out;
    }

    /** Whether {@code json} (an object, or any text) names one of the values in a string value. */
    public boolean inJson(String json) {
        return json != null && !redactJson(json).equals(json);
    }

    /**
     * {@code json} with every string value redacted as {@link #redactText} does (keys kept), written
     * again; text that is not a JSON object is redacted as text. The same instance when unchanged.
     */
    public String redactJson(String json) {
        if (json == null || !json.startsWith("{") || values.isEmpty()) {
            return redactText(json);
        }
        Map<String, Object> document;
        try {
            document = Json.readObject(json);
        } catch (RuntimeException notJson) {
            return redactText(json);
        }
        boolean[] changed = {false};
        Object redacted = redactValue(document, changed);
        return changed[0] ? Json.write(redacted) : json;
    }

    private Object redactValue(Object value, boolean[] changed) {
        if (value instanceof String s) {
            String r = redactText(s);
            if (r != s) {
                changed[0] = true;
            }
            return r;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, redactValue(v, changed)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(redactValue(v, changed)));
            return out;
        }
        return value;
    }

    private static String redact(String text, String value) {
        int at = text.indexOf(value);
        if (at < 0) {
            return text;
        }
        StringBuilder out = null;
        int copied = 0;
        while (at >= 0) {
            int end = at + value.length();
            if (startsToken(text, at, value) && endsToken(text, end, value) && !insideRedaction(text, at, end)) {
                if (out == null) {
                    out = new StringBuilder(text.length());
                }
                out.append(text, copied, at).append(REDACTED);
                copied = end;
                at = text.indexOf(value, end);
            } else {
                at = text.indexOf(value, at + 1);
            }
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    /** Whether [at, end) lies in an earlier redaction: a subject named {@code erased} leaves it as it is (erasing twice changes nothing). */
    private static boolean insideRedaction(String text, int at, int end) {
        int from = text.lastIndexOf(REDACTED, at);
        return from >= 0 && end <= from + REDACTED.length();
    }

    /** Whether the character before {@code at} cannot continue the identifier that starts there. */
    private static boolean startsToken(String text, int at, String value) {
        if (at == 0 || !identifierChar(value.charAt(0))) {
            return true;
        }
        char before = text.charAt(at - 1);
        if (before == '.') { // "x.alice" continues a name; "said. alice" does not
            return at < 2 || !Character.isLetterOrDigit(text.charAt(at - 2));
        }
        return !identifierChar(before);
    }

    /** Whether the character at {@code end} cannot continue the identifier that ends before it. */
    private static boolean endsToken(String text, int end, String value) {
        if (end == text.length() || !identifierChar(value.charAt(value.length() - 1))) {
            return true;
        }
        char after = text.charAt(end);
        if (after == '.') { // "alice.smith" and "admin.auth" continue; "alice." ends a sentence
            return end + 1 == text.length() || !Character.isLetterOrDigit(text.charAt(end + 1));
        }
        return !identifierChar(after);
    }

    private static boolean identifierChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '@' || c == '+' || c == '\\';
    }
}
