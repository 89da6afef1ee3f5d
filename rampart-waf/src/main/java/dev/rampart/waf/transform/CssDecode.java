package dev.rampart.waf.transform;

/**
 * {@code t:cssDecode}: decodes CSS 2.1 escapes (§4.1.3): a backslash and one to six hex digits
 * (the low byte of the code point; full-width ASCII becomes ASCII), swallowing one whitespace
 * character after them; a backslash before a newline is a line continuation and disappears; a
 * backslash before any other character yields that character; a trailing backslash is dropped.
 * Stops evasions such as {@code ja\vascript:} and {@code \65xpression(}.
 * <pre>SecRule ARGS "@rx expression\(" "id:1,phase:2,t:cssDecode,t:lowercase,deny"</pre>
 */
public final class CssDecode implements Transformation {

    private static final int MAX_HEX_DIGITS = 6;

    /** Every escape starts with a backslash. */
    @Override
    public int triggers() {
        return CharClasses.BACKSLASH;
    }

    @Override
    public String apply(String value) {
        int first = value.indexOf('\\');
        if (first < 0) {
            return value;
        }
        int n = value.length();
        StringBuilder out = new StringBuilder(n).append(value, 0, first);
        int i = first;
        while (i < n) {
            char c = value.charAt(i);
            if (c != '\\') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 == n) {
                break;
            }
            int digits = 0;
            while (digits < MAX_HEX_DIGITS && i + 1 + digits < n && ByteText.hexValue(value.charAt(i + 1 + digits)) >= 0) {
                digits++;
            }
            if (digits > 0) {
                out.append(ByteText.unicodeEscapeByte(ByteText.hexNumber(value, i + 1, digits)));
                i += 1 + digits;
                if (i < n && ByteText.isSpace(value.charAt(i))) {
                    i++;
                }
            } else {
                char next = value.charAt(i + 1);
                if (next != '\n') {
                    out.append(next);
                }
                i += 2;
            }
        }
        return out.toString();
    }
}
