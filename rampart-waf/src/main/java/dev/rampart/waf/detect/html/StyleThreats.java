package dev.rampart.waf.detect.html;

import java.util.Locale;
import java.util.Optional;

/**
 * Finds the CSS constructs that run script or pull in foreign code: IE's {@code expression()}
 * and {@code behavior:}, Firefox's {@code -moz-binding}, {@code @import}, and {@code url()} with a
 * script scheme. CSS escapes ({@code \65 xpression}), comments and character references are
 * undone first, as the browser would.
 */
public final class StyleThreats {

    private static final String[] THREATS = {"expression(", "behavior:", "behaviour:", "-moz-binding", "@import"};

    private StyleThreats() {
    }

    /** The threat found in {@code css} (a style attribute or a {@code <style>} element's text). */
    public static Optional<String> find(String css) {
        String decoded = compact(CharacterReferences.decode(css));
        for (String threat : THREATS) {
            if (decoded.contains(threat)) {
                return Optional.of(threat.replaceAll("[^a-z-]", ""));
            }
        }
        int url = decoded.indexOf("url(");
        while (url >= 0) {
            int start = url + 4;
            while (start < decoded.length() && (decoded.charAt(start) == '"' || decoded.charAt(start) == '\'')) {
                start++;
            }
            if (ScriptUrls.scheme(decoded.substring(start)).isPresent()) {
                return Optional.of("url");
            }
            url = decoded.indexOf("url(", start);
        }
        return Optional.empty();
    }

    /** Lower case, without comments, white space or CSS escapes. */
    private static String compact(String css) {
        StringBuilder out = new StringBuilder(css.length());
        int i = 0;
        while (i < css.length()) {
            char c = css.charAt(i);
            if (c == '/' && i + 1 < css.length() && css.charAt(i + 1) == '*') {
                int close = css.indexOf("*/", i + 2);
                i = close < 0 ? css.length() : close + 2;
            } else if (c == '\\' && i + 1 < css.length()) {
                i = unescape(css, i + 1, out);
            } else {
                if (!Character.isWhitespace(c) && c != '\0') {
                    out.append(c);
                }
                i++;
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /** CSS Syntax 4.3.7: up to six hex digits and one optional white space, or the next character itself. */
    private static int unescape(String css, int at, StringBuilder out) {
        int i = at;
        int code = 0;
        while (i < css.length() && i - at < 6 && Character.digit(css.charAt(i), 16) >= 0) {
            code = code * 16 + Character.digit(css.charAt(i), 16);
            i++;
        }
        if (i == at) {
            out.append(css.charAt(at));
            return at + 1;
        }
        if (i < css.length() && Character.isWhitespace(css.charAt(i))) {
            i++;
        }
        out.appendCodePoint(code == 0 || code > 0x10ffff ? 0xfffd : code);
        return i;
    }
}
