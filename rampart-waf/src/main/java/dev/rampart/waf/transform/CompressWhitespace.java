package dev.rampart.waf.transform;

/**
 * {@code t:compressWhitespace}: turns each run of whitespace (spaces, \t, \n, \v, \f, \r and the
 * non-breaking space 0xa0) into a single space, so {@code union \t\n select} matches
 * {@code union select}.
 * <pre>SecRule ARGS "@contains union select" "id:1,phase:2,t:compressWhitespace,deny"</pre>
 */
public final class CompressWhitespace implements Transformation {

    /** Only whitespace changes (a lone space stays a space). */
    @Override
    public int triggers() {
        return CharClasses.WHITESPACE;
    }

    @Override
    public String apply(String value) {
        StringBuilder out = new StringBuilder(value.length());
        boolean inRun = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (RemoveWhitespace.isWhitespace(c)) {
                if (!inRun) {
                    out.append(' ');
                    inRun = true;
                }
            } else {
                out.append(c);
                inRun = false;
            }
        }
        return out.toString();
    }
}
