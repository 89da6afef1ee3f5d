package dev.rampart.waf.transform;

/**
 * {@code t:utf8toUnicode}: rewrites each well-formed UTF-8 multi-byte sequence as {@code %uHHHH}
 * (lowercase hex, at least four digits), so that a following {@code t:urlDecodeUni} folds
 * full-width and other look-alike characters; ASCII and malformed bytes are kept as they are.
 * <pre>SecRule ARGS "@rx <script" "id:1,phase:2,t:utf8toUnicode,t:urlDecodeUni,deny"</pre>
 */
public final class Utf8ToUnicode implements Transformation {

    /** ASCII is kept as it is. */
    @Override
    public int triggers() {
        return CharClasses.NON_ASCII;
    }

    @Override
    public String apply(String value) {
        int first = 0;
        while (first < value.length() && value.charAt(first) < 0x80) {
            first++;
        }
        if (first == value.length()) {
            return value;
        }
        int n = value.length();
        StringBuilder out = new StringBuilder(n + 16).append(value, 0, first);
        int i = first;
        while (i < n) {
            char lead = value.charAt(i);
            int length = sequenceLength(lead);
            int codePoint = length > 1 ? decode(value, i, length) : -1;
            if (codePoint < 0) {
                out.append(lead);
                i++;
                continue;
            }
            String hex = Integer.toHexString(codePoint);
            out.append("%u");
            for (int pad = hex.length(); pad < 4; pad++) {
                out.append('0');
            }
            out.append(hex);
            i += length;
        }
        return out.toString();
    }

    private static int sequenceLength(char lead) {
        if (lead >= 0xc0 && lead <= 0xdf) {
            return 2;
        }
        if (lead >= 0xe0 && lead <= 0xef) {
            return 3;
        }
        if (lead >= 0xf0 && lead <= 0xf7) {
            return 4;
        }
        return 1;
    }

    private static int decode(String value, int start, int length) {
        if (start + length > value.length()) {
            return -1;
        }
        int codePoint = value.charAt(start) & (0x7f >> length);
        for (int k = 1; k < length; k++) {
            char c = value.charAt(start + k);
            if ((c & 0xc0) != 0x80 || c > 0xff) {
                return -1;
            }
            codePoint = (codePoint << 6) | (c & 0x3f);
        }
        return codePoint;
    }
}
