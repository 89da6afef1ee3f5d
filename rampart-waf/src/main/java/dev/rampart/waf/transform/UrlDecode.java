package dev.rampart.waf.transform;

/**
 * {@code t:urlDecode}: decodes {@code %HH} escapes and {@code +} as a space (form encoding);
 * an invalid or truncated escape ({@code %zz}, trailing {@code %4}) is kept as written.
 * <pre>SecRule REQUEST_URI "@contains ../" "id:1,phase:1,t:urlDecode,deny"</pre>
 */
public final class UrlDecode implements Transformation {

    /** Only an escape or a {@code +} is decoded. */
    @Override
    public int triggers() {
        return CharClasses.PERCENT_OR_PLUS;
    }

    @Override
    public String apply(String value) {
        return decode(value, false);
    }

    /** Percent-decoding shared with {@link UrlDecodeUni}, which also decodes {@code %uHHHH}. */
    static String decode(String value, boolean unicodeEscapes) {
        int first = firstEscape(value);
        if (first < 0) {
            return value;
        }
        int n = value.length();
        StringBuilder out = new StringBuilder(n).append(value, 0, first);
        int i = first;
        while (i < n) {
            char c = value.charAt(i);
            if (c == '+') {
                out.append(' ');
                i++;
            } else if (c != '%') {
                out.append(c);
                i++;
            } else if (unicodeEscapes && i + 1 < n && (value.charAt(i + 1) == 'u' || value.charAt(i + 1) == 'U')
                    && ByteText.hasHexDigits(value, i + 2, 4)) {
                out.append(ByteText.unicodeEscapeByte(ByteText.hexNumber(value, i + 2, 4)));
                i += 6;
            } else if (ByteText.hasHexDigits(value, i + 1, 2)) {
                out.append((char) ByteText.hexNumber(value, i + 1, 2));
                i += 3;
            } else {
                out.append('%');
                i++;
            }
        }
        return out.toString();
    }

    private static int firstEscape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' || c == '+') {
                return i;
            }
        }
        return -1;
    }
}
