package dev.rampart.waf.transform;

/**
 * {@code t:cmdLine}: normalises a shell or Windows command line against the quoting tricks that
 * hide a command ({@code c^md}, {@code "c"at}, {@code /e\tc/pa\ss\wd}): deletes {@code \ " ' ^},
 * turns each run of spaces, tabs, CR, LF, {@code ,} and {@code ;} into one space, drops a space
 * before {@code /} or {@code (}, and lowercases.
 * <pre>SecRule ARGS "@rx \bcat /etc/passwd" "id:1,phase:2,t:cmdLine,deny"</pre>
 */
public final class CmdLine implements Transformation {

    /** What it deletes, folds or lowercases; a space dropped before {@code /} or {@code (} needs whitespace or {@code ,;} first. */
    @Override
    public int triggers() {
        return CharClasses.BACKSLASH | CharClasses.QUOTE | CharClasses.CARET | CharClasses.WHITESPACE
                | CharClasses.COMMA_OR_SEMICOLON | CharClasses.UPPERCASE;
    }

    @Override
    public String apply(String value) {
        StringBuilder out = new StringBuilder(value.length());
        boolean afterSpace = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\', '"', '\'', '^' -> {
                    // deleted: shells treat them as quoting, so they can sit inside a command name
                }
                case ' ', '\t', '\r', '\n', ',', ';' -> {
                    if (!afterSpace) {
                        out.append(' ');
                        afterSpace = true;
                    }
                }
                case '/', '(' -> {
                    if (afterSpace) {
                        out.setLength(out.length() - 1);
                    }
                    out.append(c);
                    afterSpace = false;
                }
                default -> {
                    out.append(ByteText.toLowerAscii(c));
                    afterSpace = false;
                }
            }
        }
        return out.toString();
    }
}
