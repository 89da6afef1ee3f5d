package dev.rampart.waf.operator;

/**
 * {@code @eq}: matches when the value, read as an integer, equals the argument (an integer or a
 * {@code %{macro}}); see {@link NumericComparison} for how text reads as a number.
 * <pre>SecRule &amp;ARGS "@eq 0" "id:1,phase:2,pass"</pre>
 */
public final class Eq extends NumericComparison {

    public Eq(String argument) {
        super(argument);
    }

    @Override
    boolean holds(long input, long operand) {
        return input == operand;
    }
}
