package dev.rampart.waf.operator;

/**
 * {@code @ge}: matches when the value, read as an integer, is greater than or equal to the argument (an integer or a
 * {@code %{macro}}); see {@link NumericComparison} for how text reads as a number.
 * <pre>SecRule TX:ANOMALY_SCORE "@ge 5" "id:1,phase:2,deny"</pre>
 */
public final class Ge extends NumericComparison {

    public Ge(String argument) {
        super(argument);
    }

    @Override
    boolean holds(long input, long operand) {
        return input >= operand;
    }
}
