package dev.rampart.waf.operator;

/**
 * {@code @endsWith}: matches when the value ends with the argument (macros expanded),
 * case-sensitively; captures the argument as {@code TX:0}.
 * <pre>SecRule REQUEST_HEADERS:Referer "!@endsWith .%{request_headers.host}" "id:1,phase:1,pass"</pre>
 */
public final class EndsWith implements Operator {

    private final MacroText expected;

    public EndsWith(String argument) {
        this.expected = new MacroText(argument);
    }

    @Override
    public boolean matches(String value, MatchContext context) {
        String suffix = expected.resolve(context);
        if (!value.endsWith(suffix)) {
            return false;
        }
        if (context.capturing()) {
            context.capture(0, suffix);
        }
        return true;
    }
}
