package dev.rampart.waf.action;

import dev.rampart.waf.engine.RuleDefinition;

/**
 * {@code ver}: the version of the rule set the rule belongs to.
 * <pre>SecRule ARGS "@rx x" "id:1,phase:2,pass,ver:'OWASP_CRS/4.28.0'"</pre>
 */
final class Ver implements RuleAction {

    private final String version;

    Ver(String argument) {
        this.version = Arguments.required("ver", argument);
    }

    @Override
    public void declare(RuleDefinition rule) {
        rule.version(version);
    }
}
