package dev.rampart.waf.detect.html;

import java.util.Map;

/**
 * Decodes the character references a browser decodes in an attribute value before using it as a
 * URL or a style: decimal and hexadecimal references with or without the closing {@code ;}
 * (browsers accept {@code &#106avascript:}), and the named references attackers use to hide a
 * scheme or a call ({@code &colon;}, {@code &Tab;}, {@code &NewLine;}, {@code &lpar;}, …).
 */
public final class CharacterReferences {

    private static final Map<String, String> NAMED = Map.ofEntries(
            Map.entry("colon", ":"), Map.entry("tab", "\t"), Map.entry("newline", "\n"), Map.entry("lpar", "("),
            Map.entry("rpar", ")"), Map.entry("sol", "/"), Map.entry("bsol", "\\"), Map.entry("quot", "\""),
            Map.entry("apos", "'"), Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"),
            Map.entry("nbsp", "\u00a0"), Map.entry("grave", "`"), Map.entry("equals", "="),
            Map.entry("period", "."), Map.entry("semi", ";"), Map.entry("comma", ","), Map.entry("excl", "!"),
            Map.entry("num", "#"), Map.entry("percnt", "%"), Map.entry("plus", "+"), Map.entry("lsqb", "["),
            Map.entry("rsqb", "]"), Map.entry("lcub", "{"), Map.entry("rcub", "}"));

    private CharacterReferences() {
    }

    /** {@code value} with its character references replaced; the value itself when it has none. */
    public static String decode(String value) {
        int amp = value.indexOf('&');
        if (amp < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        out.append(value, 0, amp);
        int i = amp;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c != '&') {
                out.append(c);
                i++;
                continue;
            }
            int consumed = c == '&' && i + 1 < value.length() && value.charAt(i + 1) == '#'
                    ? numeric(value, i, out)
                    : named(value, i, out);
            if (consumed == 0) {
                out.append('&');
                i++;
            } else {
                i += consumed;
            }
        }
        return out.toString();
    }

    private static int numeric(String value, int at, StringBuilder out) {
        int i = at + 2;
        boolean hex = i < value.length() && (value.charAt(i) | 0x20) == 'x';
        if (hex) {
            i++;
        }
        int digitsStart = i;
        long code = 0;
        while (i < value.length() && Character.digit(value.charAt(i), hex ? 16 : 10) >= 0) {
            code = Math.min(code * (hex ? 16 : 10) + Character.digit(value.charAt(i), hex ? 16 : 10), 0x110000);
            i++;
        }
        if (i == digitsStart) {
            return 0;
        }
        if (i < value.length() && value.charAt(i) == ';') {
            i++;
        }
        out.appendCodePoint(code == 0 || code > 0x10ffff ? 0xfffd : (int) code);
        return i - at;
    }

    private static int named(String value, int at, StringBuilder out) {
        int i = at + 1;
        while (i < value.length() && i - at <= 8 && Character.isLetter(value.charAt(i))) {
            i++;
        }
        String replacement = NAMED.get(value.substring(at + 1, i).toLowerCase(java.util.Locale.ROOT));
        if (replacement == null) {
            return 0;
        }
        out.append(replacement);
        return i < value.length() && value.charAt(i) == ';' ? i + 1 - at : i - at;
    }
}
