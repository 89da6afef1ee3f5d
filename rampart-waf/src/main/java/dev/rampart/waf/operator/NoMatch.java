package dev.rampart.waf.operator;

/**
 * {@code @noMatch}: never matches; disables a rule while keeping it (and its id) in the set.
 * <pre>SecRule ARGS "@noMatch" "id:1,phase:2,deny"</pre>
 */
public final class NoMatch implements Operator {

    @Override
    public boolean matches(String value, MatchContext context) {
        return false;
    }
}
