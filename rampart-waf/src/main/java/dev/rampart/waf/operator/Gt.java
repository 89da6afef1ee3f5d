package dev.rampart.waf.operator;

/**
 * {@code @gt}: matches when the value, read as an integer, is greater than the argument (an integer or a
 * {@code %{macro}}); see {@link NumericComparison} for how text reads as a number.
 * <pre>SecRule &amp;ARGS "@gt 255" "id:1,phase:2,deny"</pre>
 */
public final class Gt extends NumericComparison {

    public Gt(String argument) {
        super(argument);
    }

    @Override
    boolean holds(long input, long operand) {
        return input > operand;
    }
}
