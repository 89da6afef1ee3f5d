package dev.rampart.waf.action;

import dev.rampart.waf.engine.RuleDefinition;

/**
 * {@code log}: report the match (in the verdict's matches and the security event).
 * <pre>SecRule ARGS "@rx x" "id:1,phase:2,pass,log"</pre>
 */
final class Log implements RuleAction {

    Log(String argument) {
        Arguments.none("log", argument);
    }

    @Override
    public void declare(RuleDefinition rule) {
        rule.log(true);
    }
}
