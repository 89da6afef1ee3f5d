package dev.rampart.waf.operator;

/**
 * {@code @within}: the reverse of {@code @contains}: matches when the value occurs inside the
 * argument (macros expanded), case-sensitively. It is a plain substring test, as in ModSecurity,
 * so {@code GE} is within {@code GET HEAD}; CRS wraps values in delimiters where that matters
 * ({@code |application/json|}). An empty value is within anything.
 * <pre>SecRule REQUEST_METHOD "!@within %{tx.allowed_methods}" "id:1,phase:1,deny"</pre>
 */
public final class Within implements Operator {

    private final MacroText list;

    public Within(String argument) {
        this.list = new MacroText(argument);
    }

    @Override
    public boolean matches(String value, MatchContext context) {
        if (!list.resolve(context).contains(value)) {
            return false;
        }
        if (context.capturing()) {
            context.capture(0, value);
        }
        return true;
    }
}
