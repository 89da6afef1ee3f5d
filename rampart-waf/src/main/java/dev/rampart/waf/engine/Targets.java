package dev.rampart.waf.engine;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.rampart.waf.variable.Variable;
import dev.rampart.waf.variable.Variables;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the target list of a rule: {@code ARGS|!ARGS:password|&REQUEST_HEADERS:Host|REQUEST_COOKIES:/^_ga/}.
 * A regular-expression selector may itself hold {@code |}; selectors match keys case-insensitively.
 */
public final class Targets {

    private Targets() {}

    /** The targets of {@code text}; IllegalArgumentException saying which target is wrong and why. */
    public static List<Target> parse(String text) {
        List<Target> targets = new ArrayList<>();
        int position = 0;
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("expected at least one variable (e.g. ARGS or REQUEST_HEADERS:User-Agent)");
        }
        while (position < trimmed.length()) {
            int end = endOfTarget(trimmed, position);
            targets.add(parseOne(trimmed.substring(position, end).trim()));
            position = end + 1;
        }
        return targets;
    }

    private static int endOfTarget(String text, int start) {
        int colon = -1;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '|') {
                return i;
            }
            if (c == ':' && colon < 0) {
                colon = i;
                int selector = i + 1;
                if (selector < text.length() && text.charAt(selector) == '\'') {
                    selector++;
                }
                if (selector < text.length() && text.charAt(selector) == '/') {
                    int close = closingSlash(text, selector + 1);
                    if (close > 0) {
                        i = close;
                    }
                }
            }
        }
        return text.length();
    }

    /** The index of the unescaped {@code /} that closes a regex selector, followed by a quote, {@code |} or the end. */
    private static int closingSlash(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '/') {
                int next = i + 1;
                if (next < text.length() && text.charAt(next) == '\'') {
                    next++;
                }
                if (next >= text.length() || text.charAt(next) == '|') {
                    return next - 1;
                }
            }
        }
        return -1;
    }

    private static Target parseOne(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty variable in target list (two '|' in a row?)");
        }
        String rest = text;
        boolean exclusion = false;
        boolean count = false;
        if (rest.startsWith("!")) {
            exclusion = true;
            rest = rest.substring(1);
        }
        if (rest.startsWith("&")) {
            count = true;
            rest = rest.substring(1);
        }
        int colon = rest.indexOf(':');
        String name = colon < 0 ? rest : rest.substring(0, colon);
        Variable variable;
        try {
            variable = Variables.named(name.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("in target '" + text + "': " + e.getMessage(), e);
        }
        if (colon < 0) {
            if (exclusion && !variable.isCollection()) {
                throw new IllegalArgumentException("cannot exclude the single value " + name + " ('" + text + "')");
            }
            return new Target(variable, null, null, count, exclusion, text);
        }
        String selector = rest.substring(colon + 1);
        if (selector.length() >= 2 && selector.startsWith("'") && selector.endsWith("'")) {
            selector = selector.substring(1, selector.length() - 1);
        }
        if (selector.isEmpty()) {
            throw new IllegalArgumentException("empty selector in target '" + text + "'; write " + name + " or "
                    + name + ":key");
        }
        if (selector.length() >= 2 && selector.startsWith("/") && selector.endsWith("/")) {
            try {
                Pattern pattern = Pattern.compile(selector.substring(1, selector.length() - 1), Pattern.CASE_INSENSITIVE);
                if (!variable.isCollection()) {
                    variable.checkSelector(selector);
                }
                return new Target(variable, null, pattern, count, exclusion, text);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid regular expression in target '" + text + "': "
                        + e.getMessage(), e);
            }
        }
        variable.checkSelector(selector);
        return new Target(variable, selector, null, count, exclusion, text);
    }
}
