package dev.rampart.waf.action;

import dev.rampart.waf.engine.RuleDefinition;

/**
 * {@code rev}: the revision of the rule.
 * <pre>SecRule ARGS "@rx x" "id:1,phase:2,pass,rev:'2'"</pre>
 */
final class Rev implements RuleAction {

    private final String revision;

    Rev(String argument) {
        this.revision = Arguments.required("rev", argument);
    }

    @Override
    public void declare(RuleDefinition rule) {
        rule.revision(revision);
    }
}
