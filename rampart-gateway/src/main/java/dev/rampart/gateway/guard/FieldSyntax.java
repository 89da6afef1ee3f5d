package dev.rampart.gateway.guard;

/**
 * The HTTP grammar the guards check configured header names and values against, so that a config
 * value can never split a response (CR/LF injection, CWE-113) or name an invalid field.
 */
final class FieldSyntax {

    private FieldSyntax() {
    }

    /** Whether {@code s} is a {@code token} (RFC 9110 §5.6.2): the syntax of field names and methods. */
    static boolean isToken(String s) {
        return s != null && !s.isEmpty() && isToken(s, 0, s.length());
    }

    /** Whether {@code s[from, to)} is a non-empty {@code token}. */
    static boolean isToken(CharSequence s, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!isTchar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code s} is a safe field value (RFC 9110 §5.5): visible ASCII, spaces and tabs, with
     * no leading or trailing whitespace. Obsolete non-ASCII text is refused too.
     */
    static boolean isFieldValue(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        if (isWhitespace(s.charAt(0)) || isWhitespace(s.charAt(s.length() - 1))) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c == ' ' || c == '\t' || (c >= 0x21 && c <= 0x7E))) {
                return false;
            }
        }
        return true;
    }

    static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isTchar(char c) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            return true;
        }
        return switch (c) {
            case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~' -> true;
            default -> false;
        };
    }
}
