package dev.rampart.waf.transform;

/**
 * {@code t:trimRight}: removes trailing whitespace (space, \t, \n, \v, \f, \r).
 * <pre>SecRule ARGS "@endsWith --" "id:1,phase:2,t:trimRight,deny"</pre>
 */
public final class TrimRight implements Transformation {

    /** Only whitespace goes. */
    @Override
    public int triggers() {
        return CharClasses.WHITESPACE;
    }

    @Override
    public String apply(String value) {
        return value.substring(0, endOfText(value));
    }

    static int endOfText(String value) {
        int end = value.length();
        while (end > 0 && ByteText.isSpace(value.charAt(end - 1))) {
            end--;
        }
        return end;
    }
}
