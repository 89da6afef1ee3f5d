package dev.rampart.waf.operator;

/**
 * {@code @streq}: matches when the value equals the argument (macros expanded), case-sensitively;
 * captures it as {@code TX:0}.
 * <pre>SecRule REQUEST_METHOD "@streq POST" "id:1,phase:1,pass"</pre>
 */
public final class Streq implements Operator {

    private final MacroText expected;

    public Streq(String argument) {
        this.expected = new MacroText(argument);
    }

    @Override
    public boolean matches(String value, MatchContext context) {
        if (!value.equals(expected.resolve(context))) {
            return false;
        }
        if (context.capturing()) {
            context.capture(0, value);
        }
        return true;
    }
}
