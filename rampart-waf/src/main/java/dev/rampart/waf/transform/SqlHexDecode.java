package dev.rampart.waf.transform;

/**
 * {@code t:sqlHexDecode}: decodes SQL hex literals ({@code 0x414243} is {@code ABC}), the encoding
 * MySQL and MSSQL accept for strings, so {@code 0x756e696f6e} reads as {@code union}; a {@code 0x}
 * without at least one pair of hex digits, and a trailing odd digit, are kept.
 * <pre>SecRule ARGS "@rx union" "id:1,phase:2,t:sqlHexDecode,t:lowercase,deny"</pre>
 */
public final class SqlHexDecode implements Transformation {

    @Override
    public String apply(String value) {
        int n = value.length();
        StringBuilder out = null;
        int i = 0;
        while (i < n) {
            char c = value.charAt(i);
            if (c == '0' && i + 1 < n && (value.charAt(i + 1) == 'x' || value.charAt(i + 1) == 'X')
                    && ByteText.hasHexDigits(value, i + 2, 2)) {
                if (out == null) {
                    out = new StringBuilder(n).append(value, 0, i);
                }
                int j = i + 2;
                while (ByteText.hasHexDigits(value, j, 2)) {
                    out.append((char) ByteText.hexNumber(value, j, 2));
                    j += 2;
                }
                i = j;
            } else {
                if (out != null) {
                    out.append(c);
                }
                i++;
            }
        }
        return out == null ? value : out.toString();
    }
}
