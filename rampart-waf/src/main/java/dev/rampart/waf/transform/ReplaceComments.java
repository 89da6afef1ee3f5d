package dev.rampart.waf.transform;

/**
 * {@code t:replaceComments}: replaces each C-style comment {@code /* ... *}{@code /} with one
 * space, an unterminated one running to the end of the value, so {@code un/**}{@code /ion} reads
 * as {@code un ion}; a lone {@code *}{@code /} is kept.
 * <pre>SecRule ARGS "@rx union\s+select" "id:1,phase:2,t:replaceComments,deny"</pre>
 */
public final class ReplaceComments implements Transformation {

    /** A comment starts with {@code /*}. */
    @Override
    public int triggers() {
        return CharClasses.STAR;
    }

    @Override
    public String apply(String value) {
        int first = value.indexOf("/*");
        if (first < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length()).append(value, 0, first);
        int i = first;
        while (i < value.length()) {
            if (value.startsWith("/*", i)) {
                int end = value.indexOf("*/", i + 2);
                out.append(' ');
                i = end < 0 ? value.length() : end + 2;
            } else {
                out.append(value.charAt(i));
                i++;
            }
        }
        return out.toString();
    }
}
