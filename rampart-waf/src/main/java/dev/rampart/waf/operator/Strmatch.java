package dev.rampart.waf.operator;

/**
 * {@code @strmatch}: ModSecurity's fast literal substring test; the same test as
 * {@code @contains}, so it is one: a case-sensitive substring match, capturing it as {@code TX:0}.
 * <pre>SecRule REQUEST_HEADERS:User-Agent "@strmatch WebZIP" "id:1,phase:1,deny"</pre>
 */
public final class Strmatch implements Operator {

    private final Contains contains;

    public Strmatch(String argument) {
        this.contains = new Contains(argument);
    }

    @Override
    public boolean matches(String value, MatchContext context) {
        return contains.matches(value, context);
    }
}
