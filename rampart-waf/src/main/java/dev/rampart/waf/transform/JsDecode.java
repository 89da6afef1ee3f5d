package dev.rampart.waf.transform;

/**
 * {@code t:jsDecode}: decodes JavaScript string escapes: {@code \xHH}, <code>&#92;uHHHH</code> (low byte,
 * full-width ASCII to ASCII), octal {@code \OOO} (at most 0377), {@code \a \b \f \n \r \t \v}, and
 * {@code \c} for any other character {@code c}; a lone trailing backslash stays.
 * <pre>SecRule ARGS "@rx alert\(" "id:1,phase:2,t:jsDecode,deny"</pre>
 */
public final class JsDecode implements Transformation {

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
            if (c != '\\' || i + 1 == n) {
                out.append(c);
                i++;
                continue;
            }
            char next = value.charAt(i + 1);
            if (next == 'u' && ByteText.hasHexDigits(value, i + 2, 4)) {
                out.append(ByteText.unicodeEscapeByte(ByteText.hexNumber(value, i + 2, 4)));
                i += 6;
            } else if (next == 'x' && ByteText.hasHexDigits(value, i + 2, 2)) {
                out.append((char) ByteText.hexNumber(value, i + 2, 2));
                i += 4;
            } else if (next >= '0' && next <= '7') {
                // Three digits only while the value stays a byte: \400 is \40 followed by '0'.
                int maxDigits = next <= '3' ? 3 : 2;
                int digits = 0;
                int code = 0;
                while (digits < maxDigits && i + 1 + digits < n) {
                    char d = value.charAt(i + 1 + digits);
                    if (d < '0' || d > '7') {
                        break;
                    }
                    code = code * 8 + (d - '0');
                    digits++;
                }
                out.append((char) code);
                i += 1 + digits;
            } else {
                out.append(singleCharEscape(next));
                i += 2;
            }
        }
        return out.toString();
    }

    private static char singleCharEscape(char c) {
        return switch (c) {
            case 'a' -> 0x07;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'v' -> 0x0b;
            default -> c;
        };
    }
}
