package dev.rampart.waf.operator;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Compiles a SecLang {@code @rx} pattern, written for PCRE (ModSecurity) and RE2 (Coraza), with
 * RE2/J so that matching is linear in the input whatever the pattern: no request can make a
 * pattern backtrack. What is done to keep the reference meaning is listed in the module README:
 * <ul>
 *   <li>dot-all and multi-line mode, as ModSecurity v3 and Coraza compile every {@code @rx}:
 *       {@code .} matches a newline, {@code ^}/{@code $} match at line breaks, so {@code $}
 *       also matches before a trailing newline;</li>
 *   <li>{@code \s} includes the vertical tab 0x0b as in PCRE2 and Perl (RE2 leaves it out); MySQL
 *       accepts 0x0b as a separator, so {@code union\x0bselect} must still match
 *       {@code union\s+select}. {@code \S} excludes it accordingly;</li>
 *   <li>{@code \w}, {@code \d}, {@code \b} are ASCII-only in both engines; as values hold one
 *       byte per char, bytes of a UTF-8 letter are non-word characters, as in PCRE without UCP.</li>
 * </ul>
 */
final class SecLangRegex {

    private static final String SPACE_CHARS = "\\t\\n\\x0B\\f\\r\\x20";
    private static final String NON_SPACE_CHARS = "\\x00-\\x08\\x0E-\\x1F\\x21-\\x{10FFFF}";

    private SecLangRegex() {
    }

    /** @throws IllegalArgumentException when the pattern uses syntax RE2 lacks (back-references, look-around) */
    static Pattern compile(String pattern) {
        try {
            return Pattern.compile(translate(pattern), Pattern.DOTALL | Pattern.MULTILINE);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("pattern does not compile as RE2 (" + e.getDescription()
                    + (e.getIndex() >= 0 ? " at offset " + e.getIndex() : "") + "); back-references and look-around"
                    + " are not supported, rewrite them as alternatives: " + pattern, e);
        }
    }

    /** {@code pattern} with {@code \s} and {@code \S} spelt as explicit classes that include 0x0b. */
    static String translate(String pattern) {
        if (pattern.indexOf('\\') < 0) {
            return pattern;
        }
        StringBuilder out = new StringBuilder(pattern.length() + 32);
        boolean inClass = false;
        int n = pattern.length();
        int i = 0;
        while (i < n) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < n) {
                char next = pattern.charAt(i + 1);
                if (next == 'Q') {
                    int end = pattern.indexOf("\\E", i + 2);
                    int stop = end < 0 ? n : end + 2;
                    out.append(pattern, i, stop);
                    i = stop;
                    continue;
                }
                if (next == 's') {
                    out.append(inClass ? SPACE_CHARS : "[" + SPACE_CHARS + "]");
                } else if (next == 'S') {
                    out.append(inClass ? NON_SPACE_CHARS : "[^" + SPACE_CHARS + "]");
                } else {
                    out.append(c).append(next);
                }
                i += 2;
                continue;
            }
            if (inClass) {
                if (c == '[' && i + 1 < n && pattern.charAt(i + 1) == ':') {
                    int end = pattern.indexOf(":]", i + 2);
                    if (end >= 0) {
                        out.append(pattern, i, end + 2);
                        i = end + 2;
                        continue;
                    }
                }
                if (c == ']') {
                    inClass = false;
                }
                out.append(c);
                i++;
                continue;
            }
            out.append(c);
            i++;
            if (c == '[') {
                inClass = true;
                // A ']' right after '[' or '[^' is a literal member, not the end of the class.
                if (i < n && pattern.charAt(i) == '^') {
                    out.append('^');
                    i++;
                }
                if (i < n && pattern.charAt(i) == ']') {
                    out.append(']');
                    i++;
                }
            }
        }
        return out.toString();
    }
}
