package dev.rampart.waf.operator;

/**
 * {@code @unconditionalMatch}: always matches; how CRS writes a rule that must fire on every
 * request it reaches (the same as {@code SecAction}, but with a target to log).
 * <pre>SecRule REQUEST_URI "@unconditionalMatch" "id:1,phase:1,pass,setvar:tx.seen=1"</pre>
 */
public final class UnconditionalMatch implements Operator {

    @Override
    public boolean matches(String value, MatchContext context) {
        return true;
    }
}
