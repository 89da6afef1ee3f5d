package dev.rampart.waf.transform;

/**
 * {@code t:removeCommentsChar}: deletes the comment markers {@code /*}, {@code *}{@code /},
 * {@code <!--}, {@code -->}, {@code --} and {@code #} themselves, keeping the text between them,
 * so {@code sel/**}{@code /ect} reads as {@code select}.
 * <pre>SecRule ARGS "@rx select" "id:1,phase:2,t:removeCommentsChar,deny"</pre>
 */
public final class RemoveCommentsChar implements Transformation {

    private static final String[] MARKERS = {"<!--", "-->", "/*", "*/", "--", "#"};

    /** Every marker holds {@code *}, {@code -} or {@code #}. */
    @Override
    public int triggers() {
        return CharClasses.STAR | CharClasses.DASH | CharClasses.HASH;
    }

    @Override
    public String apply(String value) {
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        outer:
        while (i < value.length()) {
            for (String marker : MARKERS) {
                if (value.startsWith(marker, i)) {
                    i += marker.length();
                    continue outer;
                }
            }
            out.append(value.charAt(i));
            i++;
        }
        return out.length() == value.length() ? value : out.toString();
    }
}
