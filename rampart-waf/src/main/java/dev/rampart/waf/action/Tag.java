package dev.rampart.waf.action;

import dev.rampart.waf.engine.RuleDefinition;

/**
 * {@code tag}: a label for the rule ({@code attack-sqli}, {@code paranoia-level/2}) that exclusions
 * select with {@code SecRuleRemoveByTag} and {@code ctl:ruleRemoveByTag}.
 * <pre>SecRule ARGS "@rx x" "id:1,phase:2,deny,tag:'attack-xss'"</pre>
 */
final class Tag implements RuleAction {

    private final String tag;

    Tag(String argument) {
        this.tag = Arguments.required("tag", argument);
    }

    @Override
    public void declare(RuleDefinition rule) {
        rule.tag(tag);
    }
}
