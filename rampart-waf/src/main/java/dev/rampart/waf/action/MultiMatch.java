package dev.rampart.waf.action;

import dev.rampart.waf.engine.RuleDefinition;

/**
 * {@code multiMatch}: run the operator on the value before transformation and after each
 * transformation that changes it, not only on the final result.
 * <pre>SecRule ARGS "@rx &lt;script" "id:1,phase:2,deny,t:urlDecode,t:htmlEntityDecode,multiMatch"</pre>
 */
final class MultiMatch implements RuleAction {

    MultiMatch(String argument) {
        Arguments.none("multiMatch", argument);
    }

    @Override
    public void declare(RuleDefinition rule) {
        rule.multiMatch();
    }
}
