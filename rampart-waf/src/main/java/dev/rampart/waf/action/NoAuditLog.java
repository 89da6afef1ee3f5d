package dev.rampart.waf.action;

import dev.rampart.waf.engine.RuleDefinition;

/**
 * {@code noauditlog}: do not mark the transaction for the audit log when the rule matches.
 * <pre>SecAction "id:1,phase:1,pass,nolog,noauditlog,setvar:tx.x=1"</pre>
 */
final class NoAuditLog implements RuleAction {

    NoAuditLog(String argument) {
        Arguments.none("noauditlog", argument);
    }

    @Override
    public void declare(RuleDefinition rule) {
        rule.auditLog(false);
    }
}
