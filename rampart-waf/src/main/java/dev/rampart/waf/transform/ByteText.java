package dev.rampart.waf.transform;

import java.nio.charset.StandardCharsets;

/**
 * The representation of SecLang values in Rampart: a SecLang value is a byte string, held as a
 * Java {@code String} with one {@code char} per byte (ISO-8859-1, chars 0..255). Decoders that
 * produce a byte ({@code %ff}, {@code \xff}, {@code &#255;}) produce exactly that char, digests
 * and lengths count bytes, and an {@code @rx} pattern's {@code \xff} matches the byte 0xff, as in
 * ModSecurity. The engine builds every value with {@link #of(byte[])} (request bytes) or
 * {@link #ofUtf8(String)} (text it already holds decoded), and reads rule files as ISO-8859-1.
 */
public final class ByteText {

    private ByteText() {
    }

    /** The value holding {@code bytes}, one char per byte. */
    public static String of(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** The value holding the UTF-8 encoding of {@code text}. */
    public static String ofUtf8(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The bytes {@code value} holds (chars above 0xff, which a value never holds, become '?'). */
    public static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The value of hex digit {@code c}, or -1 when {@code c} is not one. */
    public static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** Whether {@code value} holds {@code count} hex digits from {@code start}. */
    public static boolean hasHexDigits(String value, int start, int count) {
        if (start + count > value.length()) {
            return false;
        }
        for (int i = start; i < start + count; i++) {
            if (hexValue(value.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The number the {@code count} hex digits from {@code start} spell (caller checked them). */
    public static int hexNumber(String value, int start, int count) {
        int n = 0;
        for (int i = start; i < start + count; i++) {
            n = (n << 4) | hexValue(value.charAt(i));
        }
        return n;
    }

    /** C's {@code isspace} in the C locale: space, \t, \n, \v, \f, \r. */
    public static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /** Whether {@code c} is a word character as SecLang and PCRE count them: [A-Za-z0-9_]. */
    public static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    /**
     * The byte ModSecurity keeps for a Unicode escape ({@code %uHHHH}, <code>&#92;uHHHH</code>, CSS
     * {@code \HHHHHH}): the low byte, except that full-width ASCII (U+FF01..U+FF5E) becomes the
     * ASCII character it stands for, so {@code %uff1cscript%uff1e} still reads as {@code <script>}.
     */
    static char unicodeEscapeByte(int codePoint) {
        int low = codePoint & 0xff;
        if (codePoint >= 0xff01 && codePoint <= 0xff5e) {
            return (char) (low + 0x20);
        }
        return (char) low;
    }

    /** ASCII-only case mapping, as C's {@code tolower} in the C locale: bytes above 0x7f stay. */
    static char toLowerAscii(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }
}
