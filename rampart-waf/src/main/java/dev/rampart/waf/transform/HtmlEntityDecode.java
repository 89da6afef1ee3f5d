package dev.rampart.waf.transform;

import java.util.Locale;

/**
 * {@code t:htmlEntityDecode}: decodes HTML character references as ModSecurity does:
 * {@code &#DDD;} and {@code &#xHH;} (the low byte of the number) and the named {@code &quot;
 * &amp; &lt; &gt; &nbsp;} (case-insensitive); the {@code ;} is optional, as browsers accept it
 * missing. Anything else, {@code &copy;} included, is kept as written.
 * <pre>SecRule ARGS "@rx <script" "id:1,phase:2,t:htmlEntityDecode,t:lowercase,deny"</pre>
 */
public final class HtmlEntityDecode implements Transformation {

    /** Every character reference starts with {@code &}. */
    @Override
    public int triggers() {
        return CharClasses.AMPERSAND;
    }

    @Override
    public String apply(String value) {
        int first = value.indexOf('&');
        if (first < 0) {
            return value;
        }
        int n = value.length();
        StringBuilder out = new StringBuilder(n).append(value, 0, first);
        int i = first;
        while (i < n) {
            char c = value.charAt(i);
            int end = c == '&' ? decodeReference(value, i + 1, out) : -1;
            if (end < 0) {
                out.append(c);
                i++;
            } else {
                i = end < n && value.charAt(end) == ';' ? end + 1 : end;
            }
        }
        return out.toString();
    }

    /** Appends the character of the reference starting after '&' at {@code start}; its end, or -1. */
    private static int decodeReference(String value, int start, StringBuilder out) {
        int n = value.length();
        if (start < n && value.charAt(start) == '#') {
            boolean hex = start + 1 < n && (value.charAt(start + 1) == 'x' || value.charAt(start + 1) == 'X');
            int radix = hex ? 16 : 10;
            int j = hex ? start + 2 : start + 1;
            int digitsStart = j;
            int code = 0;
            while (j < n && Character.digit(value.charAt(j), radix) >= 0 && value.charAt(j) < 0x80) {
                // Only the low byte is kept, so the arithmetic can stay modulo 256 and never overflow.
                code = (code * radix + Character.digit(value.charAt(j), radix)) & 0xff;
                j++;
            }
            if (j == digitsStart) {
                return -1;
            }
            out.append((char) code);
            return j;
        }
        int j = start;
        while (j < n && Character.isLetterOrDigit(value.charAt(j)) && value.charAt(j) < 0x80) {
            j++;
        }
        String name = value.substring(start, j).toLowerCase(Locale.ROOT);
        char decoded = switch (name) {
            case "quot" -> '"';
            case "amp" -> '&';
            case "lt" -> '<';
            case "gt" -> '>';
            case "nbsp" -> 0xa0;
            default -> 0;
        };
        if (decoded == 0) {
            return -1;
        }
        out.append(decoded);
        return j;
    }
}
