package dev.rampart.waf.transform;

/**
 * {@code t:removeWhitespace}: deletes spaces, \t, \n, \v, \f, \r and the non-breaking space byte
 * 0xa0, so {@code s e l e c t} reads as {@code select}.
 * <pre>SecRule ARGS "@rx javascript:" "id:1,phase:2,t:removeWhitespace,t:lowercase,deny"</pre>
 */
public final class RemoveWhitespace implements Transformation {

    /** Only whitespace goes. */
    @Override
    public int triggers() {
        return CharClasses.WHITESPACE;
    }

    @Override
    public String apply(String value) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isWhitespace(c)) {
                if (out == null) {
                    out = new StringBuilder(value.length()).append(value, 0, i);
                }
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? value : out.toString();
    }

    /** Whitespace as ModSecurity's whitespace transformations count it: C isspace plus NBSP (0xa0). */
    static boolean isWhitespace(char c) {
        return ByteText.isSpace(c) || c == 0xa0;
    }
}
