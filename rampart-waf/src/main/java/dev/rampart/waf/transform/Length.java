package dev.rampart.waf.transform;

/**
 * {@code t:length}: the value's length in bytes, as a decimal string.
 * <pre>SecRule ARGS "@gt 400" "id:1,phase:2,t:length,deny"</pre>
 */
public final class Length implements Transformation {

    @Override
    public String apply(String value) {
        return Integer.toString(value.length());
    }
}
