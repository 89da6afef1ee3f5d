package dev.rampart.waf.action;

import dev.rampart.waf.engine.RuleDefinition;

/**
 * {@code msg}: the message logged when the rule matches; macros are expanded at match time.
 * <pre>SecRule ARGS "@detectSQLi" "id:1,phase:2,deny,msg:'SQL injection in %{MATCHED_VAR_NAME}'"</pre>
 */
final class Msg implements RuleAction {

    private final String message;

    Msg(String argument) {
        this.message = Arguments.required("msg", argument);
    }

    @Override
    public void declare(RuleDefinition rule) {
        rule.message(message);
    }
}
