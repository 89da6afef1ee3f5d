package dev.rampart.waf.operator;

import dev.rampart.waf.transform.ByteText;

/**
 * The numeric operators ({@code @eq @ge @gt @le @lt}): both the value and the argument (macros
 * expanded) are read as integers the way ModSecurity's {@code stoi} does: leading whitespace, an
 * optional sign, then the leading digits ({@code "12abc"} is 12); no digits at all reads as 0.
 * Numbers beyond the 64-bit range saturate instead of wrapping or reading as 0, so a huge
 * {@code Content-Length} still compares greater than any limit.
 */
abstract class NumericComparison implements Operator {

    private final MacroText operand;
    private final long fixedOperand;

    NumericComparison(String argument) {
        this.operand = new MacroText(argument);
        if (!operand.hasMacros() && !startsWithInteger(argument)) {
            throw new IllegalArgumentException("expects an integer or a %{macro}, got '" + argument + "'");
        }
        this.fixedOperand = operand.hasMacros() ? 0 : parse(argument);
    }

    /** Whether {@code input} compares to {@code operand} as this operator requires. */
    abstract boolean holds(long input, long operand);

    @Override
    public final boolean matches(String value, MatchContext context) {
        long right = operand.hasMacros() ? parse(operand.resolve(context)) : fixedOperand;
        return holds(parse(value), right);
    }

    static long parse(String text) {
        int i = skipSpace(text);
        boolean negative = false;
        if (i < text.length() && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        long magnitude = 0;
        for (; i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9'; i++) {
            int digit = text.charAt(i) - '0';
            if (magnitude > (Long.MAX_VALUE - digit) / 10) {
                return negative ? Long.MIN_VALUE : Long.MAX_VALUE;
            }
            magnitude = magnitude * 10 + digit;
        }
        return negative ? -magnitude : magnitude;
    }

    private static boolean startsWithInteger(String text) {
        int i = skipSpace(text);
        if (i < text.length() && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
            i++;
        }
        return i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9';
    }

    private static int skipSpace(String text) {
        int i = 0;
        while (i < text.length() && ByteText.isSpace(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
