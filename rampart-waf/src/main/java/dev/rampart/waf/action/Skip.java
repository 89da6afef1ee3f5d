package dev.rampart.waf.action;

import dev.rampart.waf.engine.RuleDefinition;

/**
 * {@code skip}: on a match, skip the next N rules (a chain counts as one) of the phase.
 * <pre>SecRule REQUEST_METHOD "{@literal @}streq GET" "id:1,phase:1,pass,nolog,skip:2"</pre>
 */
final class Skip implements RuleAction {

    private final int rules;

    Skip(String argument) {
        this.rules = Arguments.integer("skip", argument);
    }

    @Override
    public void declare(RuleDefinition rule) {
        rule.skip(rules);
    }
}
