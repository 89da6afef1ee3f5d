package dev.rampart.waf.action;

import dev.rampart.waf.engine.Disruption;
import dev.rampart.waf.engine.RuleDefinition;

/**
 * {@code redirect}: stop the transaction and answer with a 302 to the given URL.
 * <pre>SecRule ARGS "{@literal @}rx x" "id:1,phase:2,redirect:https://example.com/blocked"</pre>
 */
final class Redirect implements RuleAction {

    private final String url;

    Redirect(String argument) {
        this.url = Arguments.required("redirect", argument);
    }

    @Override
    public void declare(RuleDefinition rule) {
        rule.disruption(Disruption.REDIRECT);
        rule.redirectUrl(url);
    }
}
