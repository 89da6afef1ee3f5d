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
     * Whether a word of {@code words} (lower-case letters and digits) lies wholly within the {@code window}
     * characters before {@code at}, case-insensitively: context cues such as "SSN" or "version" near a
     * number. Reads each run of letters and digits in the window once.
     */
    static boolean wordBefore(CharSequence s, int at, int window, java.util.Set<String> words) {
        int from = Math.max(0, at - window);
        int end = at;
        while (end > from) {
            if (!isAlnum(s.charAt(end - 1))) {
                end--;
                continue;
            }
            int begin = end;
            while (begin > from && isAlnum(s.charAt(begin - 1))) {
                begin--;
            }
            boolean whole = begin > from || begin == 0 || !isAlnum(s.charAt(begin - 1));
            if (whole && end - begin <= 16 && words.contains(s.subSequence(begin, end).toString().toLowerCase(java.util.Locale.ROOT))) {
                return true;
            }
            end = begin;
        }
        return false;
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
