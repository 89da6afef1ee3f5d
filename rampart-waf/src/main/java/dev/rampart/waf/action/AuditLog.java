package dev.rampart.waf.action;

import dev.rampart.waf.engine.RuleDefinition;

/**
 * {@code auditlog}: mark the transaction for the audit log when the rule matches.
 * <pre>SecRule ARGS "@rx x" "id:1,phase:2,pass,auditlog"</pre>
 */
final class AuditLog implements RuleAction {

    AuditLog(String argument) {
        Arguments.none("auditlog", argument);
    }

    @Override
    public void declare(RuleDefinition rule) {
        rule.auditLog(true);
    }
}
