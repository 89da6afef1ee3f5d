package dev.rampart.waf.action;

import dev.rampart.waf.engine.RuleDefinition;

/**
 * {@code id}: the rule's unique number, used in logs, exclusions and {@code ctl:ruleRemoveById}.
 * <pre>SecRule ARGS "@rx x" "id:100001,phase:2,deny"</pre>
 */
final class Id implements RuleAction {

    private final int id;

    Id(String argument) {
        this.id = Arguments.integer("id", argument);
    }

    @Override
    public void declare(RuleDefinition rule) {
        rule.id(id);
    }
}
