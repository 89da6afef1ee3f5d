package dev.rampart.waf.action;

import dev.rampart.waf.engine.Disruption;
import dev.rampart.waf.engine.RuleDefinition;

/**
 * {@code block}: use the disruptive action of the phase's SecDefaultAction (CRS rules block; the anomaly-scoring rules decide).
 * <pre>SecRule ARGS "{@literal @}rx x" "id:1,phase:2,block"</pre>
 */
final class Block implements RuleAction {

    Block(String argument) {
        Arguments.none("block", argument);
    }

    @Override
    public void declare(RuleDefinition rule) {
        rule.disruption(Disruption.BLOCK);
    }
}
