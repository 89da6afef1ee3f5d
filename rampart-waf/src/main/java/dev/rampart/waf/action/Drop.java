package dev.rampart.waf.action;

import dev.rampart.waf.engine.Disruption;
import dev.rampart.waf.engine.RuleDefinition;

/**
 * {@code drop}: stop the transaction and close the connection (the verdict denies; the gateway closes).
 * <pre>SecRule ARGS "{@literal @}rx x" "id:1,phase:2,drop"</pre>
 */
final class Drop implements RuleAction {

    Drop(String argument) {
        Arguments.none("drop", argument);
    }

    @Override
    public void declare(RuleDefinition rule) {
        rule.disruption(Disruption.DROP);
    }
}
