package dev.rampart.gateway.http1;

/**
 * The byte classes of the HTTP/1.1 grammar (RFC 9110 §5.5, §5.6; RFC 9112 §3, §7.1.1), as lookup
 * tables over raw bytes so that the framing parser never decodes a byte into a char or String.
 */
final class Http1Grammar {

    static final byte SP = ' ';
    static final byte HTAB = '\t';
    static final byte CR = '\r';
    static final byte LF = '\n';

    /** {@code tchar}: the bytes of a token (methods, field names, chunk-extension names). */
    private static final boolean[] TCHAR = new boolean[256];

    /** {@code field-vchar / SP / HTAB}: what a field value may hold; obs-text (0x80-0xFF) included. */
    private static final boolean[] FIELD_VALUE = new boolean[256];

    /** {@code qdtext}: the bytes allowed unescaped inside a quoted-string. */
    private static final boolean[] QDTEXT = new boolean[256];

    /** {@code VCHAR}: the bytes of a request target. */
    private static final boolean[] TARGET = new boolean[256];

    /** Value of a hex digit, or -1. */
    private static final byte[] HEX = new byte[256];

    static {
        for (int c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[c - 'a' + 'A'] = true;
        }
        for (int c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
        FIELD_VALUE[HTAB] = true;
        for (int c = 0x20; c <= 0xFF; c++) {
            FIELD_VALUE[c] = c != 0x7F;
        }
        for (int c = 0x21; c < 0x7F; c++) {
            TARGET[c] = true;
        }
        QDTEXT[HTAB] = true;
        for (int c = 0x20; c <= 0xFF; c++) {
            QDTEXT[c] = c != '"' && c != '\\' && c != 0x7F;
        }
        java.util.Arrays.fill(HEX, (byte) -1);
        for (int c = '0'; c <= '9'; c++) {
            HEX[c] = (byte) (c - '0');
        }
        for (int c = 'a'; c <= 'f'; c++) {
            HEX[c] = (byte) (c - 'a' + 10);
            HEX[c - 'a' + 'A'] = (byte) (c - 'a' + 10);
        }
    }

    private Http1Grammar() {
    }

    static boolean isTchar(byte b) {
        return TCHAR[b & 0xFF];
    }

    static boolean isFieldValueByte(byte b) {
        return FIELD_VALUE[b & 0xFF];
    }

    static boolean isQdtext(byte b) {
        return QDTEXT[b & 0xFF];
    }

    /** {@code HTAB / SP / VCHAR / obs-text}: what may follow a backslash in a quoted-string. */
    static boolean isQuotedPairByte(byte b) {
        return FIELD_VALUE[b & 0xFF];
    }

    /** {@code VCHAR}: the bytes of a request target; no whitespace, controls or raw non-ASCII (RFC 3986 §2). */
    static boolean isTargetByte(byte b) {
        return TARGET[b & 0xFF];
    }

    static boolean isWhitespace(byte b) {
        return b == SP || b == HTAB;
    }

    /** The value of a hex digit, or -1. */
    static int hexValue(byte b) {
        return HEX[b & 0xFF];
    }

    /** ASCII letters folded to lower case, every other byte unchanged, for case-insensitive names. */
    static int lower(byte b) {
        return b >= 'A' && b <= 'Z' ? b | 0x20 : b;
    }
}
