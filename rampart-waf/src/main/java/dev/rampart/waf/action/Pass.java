package dev.rampart.waf.action;

import dev.rampart.waf.engine.Disruption;
import dev.rampart.waf.engine.RuleDefinition;

/**
 * {@code pass}: keep evaluating the next rules.
 * <pre>SecRule ARGS "{@literal @}rx x" "id:1,phase:2,pass,log"</pre>
 */
final class Pass implements RuleAction {

    Pass(String argument) {
        Arguments.none("pass", argument);
    }

    @Override
    public void declare(RuleDefinition rule) {
        rule.disruption(Disruption.PASS);
    }
}
