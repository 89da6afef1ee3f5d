package dev.rampart.waf.transform;

/**
 * {@code t:none}: leaves the value unchanged. In a rule it also discards the transformations
 * inherited from {@code SecDefaultAction}; that reset is the engine's job, this object is the
 * identity it applies afterwards.
 * <pre>SecRule ARGS "@rx ^[0-9]+$" "id:1,phase:2,t:none,pass"</pre>
 */
public final class None implements Transformation {

    /** Never changes a value. */
    @Override
    public int triggers() {
        return 0;
    }

    @Override
    public String apply(String value) {
        return value;
    }
}
