package dev.rampart.waf.action;

import dev.rampart.waf.engine.RuleDefinition;

/**
 * {@code nolog}: do not report the match; used by rules that only set variables.
 * <pre>SecAction "id:1,phase:1,pass,nolog,setvar:tx.paranoia=1"</pre>
 */
final class NoLog implements RuleAction {

    NoLog(String argument) {
        Arguments.none("nolog", argument);
    }

    @Override
    public void declare(RuleDefinition rule) {
        rule.log(false);
    }
}
