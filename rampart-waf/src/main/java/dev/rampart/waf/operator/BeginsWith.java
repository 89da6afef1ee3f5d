package dev.rampart.waf.operator;

/**
 * {@code @beginsWith}: matches when the value starts with the argument (macros expanded),
 * case-sensitively; captures the argument as {@code TX:0}.
 * <pre>SecRule REQUEST_LINE "!@beginsWith GET" "id:1,phase:1,deny"</pre>
 */
public final class BeginsWith implements Operator {

    private final MacroText expected;

    public BeginsWith(String argument) {
        this.expected = new MacroText(argument);
    }

    @Override
    public boolean matches(String value, MatchContext context) {
        String prefix = expected.resolve(context);
        if (!value.startsWith(prefix)) {
            return false;
        }
        if (context.capturing()) {
            context.capture(0, prefix);
        }
        return true;
    }
}
