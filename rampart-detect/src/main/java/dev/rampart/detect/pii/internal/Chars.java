package dev.rampart.detect.pii.internal;

/** ASCII character classes the detectors share; non-ASCII letters count as word characters. */
final class Chars {

    private Chars() {
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    static boolean isAlnum(char c) {
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /** Letters, digits and '_': a value glued to one of these is part of a longer word, not a value of its own. */
    static boolean isWord(char c) {
        return isAlnum(c) || c == '_' || c > 0x7f && Character.isLetterOrDigit(c);
    }

    /** Whether {@code s[i]} exists and is a word character. */
    static boolean wordAt(CharSequence s, int i) {
        return i >= 0 && i < s.length() && isWord(s.charAt(i));
    }

    /** Whether {@code s[i]} exists and is a digit. */
    static boolean digitAt(CharSequence s, int i) {
        return i >= 0 && i < s.length() && isDigit(s.charAt(i));
    }

    /**
     * Whether a number ends at {@code end}: no word character follows, nor a '.' or ',' that goes on
     * with a digit (a decimal or a longer dotted number).
     */
    static boolean numberEndsAt(CharSequence s, int end) {
        if (end >= s.length()) {
            return true;
        }
        char c = s.charAt(end);
        if (isWord(c)) {
            return false;
        }
        return !((c == '.' || c == ',' || c == '-') && digitAt(s, end + 1));
    }

    /** Whether a number may start at {@code start}: no word character, nor a digit and '.' or ',' before it. */
    static boolean numberStartsAt(CharSequence s, int start) {
        if (start == 0) {
            return true;
        }
        char c = s.charAt(start - 1);
        if (isWord(c)) {
            return false;
        }
        return !((c == '.' || c == ',') && digitAt(s, start - 2));
    }

    /**
     * Whether one of {@code words} (lower case) ends within {@code window} characters before {@code at},
     * case-insensitively, as a whole word. Context cues such as "SSN" or "version" near a number.
     */
    static boolean wordBefore(CharSequence s, int at, int window, String... words) {
        int from = Math.max(0, at - window);
        for (String w : words) {
            int n = w.length();
            for (int end = at; end - n >= from; end--) {
                int begin = end - n;
                if (regionMatchesLower(s, begin, w) && !wordAt(s, begin - 1) && !isAlnumAt(s, end)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isAlnumAt(CharSequence s, int i) {
        return i < s.length() && isAlnum(s.charAt(i));
    }

    static boolean regionMatchesLower(CharSequence s, int at, String lower) {
        if (at < 0 || at + lower.length() > s.length()) {
            return false;
        }
        for (int k = 0; k < lower.length(); k++) {
            if (Character.toLowerCase(s.charAt(at + k)) != lower.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    static boolean startsWith(CharSequence s, int at, String prefix) {
        if (at + prefix.length() > s.length()) {
            return false;
        }
        for (int k = 0; k < prefix.length(); k++) {
            if (s.charAt(at + k) != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
