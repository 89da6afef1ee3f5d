package dev.rampart.waf.action;

import dev.rampart.waf.engine.RuleDefinition;

/**
 * {@code chain}: the next rule must match too; the chain matches when every rule in it does.
 * <pre>SecRule REQUEST_METHOD "@streq POST" "id:1,phase:1,deny,chain" / SecRule &amp;REQUEST_HEADERS:Content-Length "@eq 0"</pre>
 */
final class Chain implements RuleAction {

    Chain(String argument) {
        Arguments.none("chain", argument);
    }

    @Override
    public void declare(RuleDefinition rule) {
        rule.chain();
    }
}
