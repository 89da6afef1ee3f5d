package dev.rampart.waf.transform;

/**
 * {@code t:removeComments}: deletes {@code /* ... *}{@code /} and {@code <!-- ... -->} comments
 * (an unterminated one runs to the end) and everything from a {@code --} or {@code #} line
 * comment to the end of the value, as SQL and shells would ignore it.
 * <pre>SecRule ARGS "@rx union select" "id:1,phase:2,t:removeComments,deny"</pre>
 */
public final class RemoveComments implements Transformation {

    @Override
    public String apply(String value) {
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            if (value.startsWith("/*", i)) {
                i = endOf(value, i + 2, "*/");
            } else if (value.startsWith("<!--", i)) {
                i = endOf(value, i + 4, "-->");
            } else if (value.startsWith("--", i) || value.charAt(i) == '#') {
                break;
            } else {
                out.append(value.charAt(i));
                i++;
            }
        }
        return out.length() == value.length() ? value : out.toString();
    }

    private static int endOf(String value, int from, String terminator) {
        int end = value.indexOf(terminator, from);
        return end < 0 ? value.length() : end + terminator.length();
    }
}
