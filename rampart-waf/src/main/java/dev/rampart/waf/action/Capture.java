package dev.rampart.waf.action;

import dev.rampart.waf.engine.RuleDefinition;

/**
 * {@code capture}: on a match, the operator's captures become TX:0 (whole match) to TX:9.
 * <pre>SecRule ARGS "@rx (a)(b)" "id:1,phase:2,capture,chain" / SecRule TX:1 "@streq a"</pre>
 */
final class Capture implements RuleAction {

    Capture(String argument) {
        Arguments.none("capture", argument);
    }

    @Override
    public void declare(RuleDefinition rule) {
        rule.capture();
    }
}
