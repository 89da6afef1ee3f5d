package dev.rampart.waf.operator;

/**
 * {@code @lt}: matches when the value, read as an integer, is less than the argument (an integer or a
 * {@code %{macro}}); see {@link NumericComparison} for how text reads as a number.
 * <pre>SecRule TX:DETECTION_PARANOIA_LEVEL "@lt 2" "id:1,phase:1,pass,skipAfter:END"</pre>
 */
public final class Lt extends NumericComparison {

    public Lt(String argument) {
        super(argument);
    }

    @Override
    boolean holds(long input, long operand) {
        return input < operand;
    }
}
