package dev.rampart.waf.operator;

/**
 * {@code @validateByteRange}: matches when the value holds a byte outside the allowed ranges,
 * written as comma-separated bytes and inclusive ranges of 0..255 ({@code 9,10,13,32-126}); an
 * empty value never matches. CRS uses it to reject NUL and control bytes in arguments.
 * <pre>SecRule ARGS "@validateByteRange 32-126" "id:1,phase:2,deny"</pre>
 */
public final class ValidateByteRange implements Operator {

    private static final int BYTE_VALUES = 256;

    private final boolean[] allowed = new boolean[BYTE_VALUES];

    /** @throws IllegalArgumentException naming the entry that is not a byte or a range of bytes */
    public ValidateByteRange(String argument) {
        if (argument.isBlank()) {
            throw new IllegalArgumentException("expects comma-separated bytes or ranges such as 9,10,13,32-126, got nothing");
        }
        for (String entry : argument.split(",")) {
            String item = entry.strip();
            int dash = item.indexOf('-', 1);
            int from = parseByte(dash < 0 ? item : item.substring(0, dash), item);
            int to = dash < 0 ? from : parseByte(item.substring(dash + 1), item);
            if (from > to) {
                throw new IllegalArgumentException("range '" + item + "' runs backwards; write low-high");
            }
            for (int b = from; b <= to; b++) {
                allowed[b] = true;
            }
        }
    }

    private static int parseByte(String text, String entry) {
        String digits = text.strip();
        if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(digits) >= BYTE_VALUES) {
            throw new IllegalArgumentException("'" + entry + "' is not a byte (0-255) or a range of bytes (low-high)");
        }
        return Integer.parseInt(digits);
    }

    @Override
    public boolean matches(String value, MatchContext context) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= BYTE_VALUES || !allowed[c]) {
                return true;
            }
        }
        return false;
    }
}
