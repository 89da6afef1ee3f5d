package dev.rampart.waf.action;

import dev.rampart.waf.engine.Disruption;
import dev.rampart.waf.engine.RuleDefinition;

/**
 * {@code deny}: stop the transaction and answer with the rule's status (403 by default).
 * <pre>SecRule ARGS "{@literal @}rx x" "id:1,phase:2,deny,status:403"</pre>
 */
final class Deny implements RuleAction {

    Deny(String argument) {
        Arguments.none("deny", argument);
    }

    @Override
    public void declare(RuleDefinition rule) {
        rule.disruption(Disruption.DENY);
    }
}
