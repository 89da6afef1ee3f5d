package dev.rampart.waf.transform;

/**
 * {@code t:replaceNulls}: replaces each NUL byte with a space, keeping the words it separated
 * apart (where {@code t:removeNulls} would join them).
 * <pre>SecRule ARGS "@rx union select" "id:1,phase:2,t:replaceNulls,deny"</pre>
 */
public final class ReplaceNulls implements Transformation {

    /** Only NUL bytes change. */
    @Override
    public int triggers() {
        return CharClasses.NUL;
    }

    @Override
    public String apply(String value) {
        return value.replace('\0', ' ');
    }
}
