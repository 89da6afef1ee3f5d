package dev.rampart.waf.transform;

/**
 * {@code t:trim}: removes leading and trailing whitespace (space, \t, \n, \v, \f, \r).
 * <pre>SecRule REQUEST_HEADERS:Content-Type "@streq application/json" "id:1,phase:1,t:trim,pass"</pre>
 */
public final class Trim implements Transformation {

    /** Only whitespace goes. */
    @Override
    public int triggers() {
        return CharClasses.WHITESPACE;
    }

    @Override
    public String apply(String value) {
        int start = TrimLeft.firstNonSpace(value);
        return start == value.length() ? "" : value.substring(start, TrimRight.endOfText(value));
    }
}
