package dev.rampart.waf.transform;

/**
 * {@code t:trimLeft}: removes leading whitespace (space, \t, \n, \v, \f, \r).
 * <pre>SecRule ARGS "@beginsWith select" "id:1,phase:2,t:trimLeft,t:lowercase,deny"</pre>
 */
public final class TrimLeft implements Transformation {

    /** Only whitespace goes. */
    @Override
    public int triggers() {
        return CharClasses.WHITESPACE;
    }

    @Override
    public String apply(String value) {
        return value.substring(firstNonSpace(value));
    }

    static int firstNonSpace(String value) {
        int start = 0;
        while (start < value.length() && ByteText.isSpace(value.charAt(start))) {
            start++;
        }
        return start;
    }
}
