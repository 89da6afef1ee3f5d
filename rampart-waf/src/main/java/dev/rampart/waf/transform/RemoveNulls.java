package dev.rampart.waf.transform;

/**
 * {@code t:removeNulls}: deletes NUL bytes, which C-based back ends treat as end of string and
 * attackers insert to split keywords ({@code sel%00ect}).
 * <pre>SecRule ARGS "@rx select" "id:1,phase:2,t:urlDecodeUni,t:removeNulls,deny"</pre>
 */
public final class RemoveNulls implements Transformation {

    /** Only NUL bytes go. */
    @Override
    public int triggers() {
        return CharClasses.NUL;
    }

    @Override
    public String apply(String value) {
        return value.indexOf('\0') < 0 ? value : value.replace("\0", "");
    }
}
