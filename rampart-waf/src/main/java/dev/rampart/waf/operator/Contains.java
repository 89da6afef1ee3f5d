package dev.rampart.waf.operator;

/**
 * {@code @contains}: matches when the argument (macros expanded) occurs anywhere in the value,
 * case-sensitively; captures the found text as {@code TX:0}.
 * <pre>SecRule REQUEST_LINE "@contains .php" "id:1,phase:1,deny"</pre>
 */
public final class Contains implements Operator {

    private final MacroText expected;

    public Contains(String argument) {
        this.expected = new MacroText(argument);
    }

    @Override
    public boolean matches(String value, MatchContext context) {
        String needle = expected.resolve(context);
        if (!value.contains(needle)) {
            return false;
        }
        if (context.capturing()) {
            context.capture(0, needle);
        }
        return true;
    }
}
