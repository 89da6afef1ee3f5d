package dev.rampart.waf.transform;

/**
 * {@code t:escapeSeqDecode}: decodes ANSI C escapes: {@code \a \b \f \n \r \t \v \\ \? \' \"},
 * {@code \xHH} (exactly two hex digits) and octal {@code \O} to {@code \OOO} (low byte); any other
 * backslash is kept as written.
 * <pre>SecRule ARGS "@rx /etc/passwd" "id:1,phase:2,t:escapeSeqDecode,deny"</pre>
 */
public final class EscapeSeqDecode implements Transformation {

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
            char next = c == '\\' && i + 1 < n ? value.charAt(i + 1) : 0;
            char simple = simpleEscape(next);
            if (simple != 0) {
                out.append(simple);
                i += 2;
            } else if ((next == 'x' || next == 'X') && ByteText.hasHexDigits(value, i + 2, 2)) {
                out.append((char) ByteText.hexNumber(value, i + 2, 2));
                i += 4;
            } else if (next >= '0' && next <= '7') {
                int code = 0;
                int j = i + 1;
                while (j < n && j < i + 4 && value.charAt(j) >= '0' && value.charAt(j) <= '7') {
                    code = code * 8 + (value.charAt(j) - '0');
                    j++;
                }
                out.append((char) (code & 0xff));
                i = j;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static char simpleEscape(char c) {
        return switch (c) {
            case 'a' -> 0x07;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'v' -> 0x0b;
            case '\\', '?', '\'', '"' -> c;
            default -> 0;
        };
    }
}
