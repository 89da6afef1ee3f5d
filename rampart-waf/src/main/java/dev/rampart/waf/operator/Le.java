package dev.rampart.waf.operator;

/**
 * {@code @le}: matches when the value, read as an integer, is less than or equal to the argument (an integer or a
 * {@code %{macro}}); see {@link NumericComparison} for how text reads as a number.
 * <pre>SecRule REQUEST_HEADERS:Content-Length "@le 1024" "id:1,phase:1,pass"</pre>
 */
public final class Le extends NumericComparison {

    public Le(String argument) {
        super(argument);
    }

    @Override
    boolean holds(long input, long operand) {
        return input <= operand;
    }
}
