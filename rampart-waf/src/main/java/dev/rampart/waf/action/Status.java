package dev.rampart.waf.action;

import dev.rampart.waf.engine.RuleDefinition;

/**
 * {@code status}: the HTTP status a {@code deny} answers with.
 * <pre>SecRule REQUEST_METHOD "{@literal @}streq TRACE" "id:1,phase:1,deny,status:405"</pre>
 */
final class Status implements RuleAction {

    private final int status;

    Status(String argument) {
        this.status = Arguments.integerInRange("status", argument, 100, 599);
    }

    @Override
    public void declare(RuleDefinition rule) {
        rule.status(status);
    }
}
