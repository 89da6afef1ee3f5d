package dev.rampart.waf.action;

import dev.rampart.waf.engine.RuleDefinition;
import java.util.Locale;

/**
 * {@code phase}: when the rule runs — 1 request headers, 2 request body, 3 response headers, 4
 * response body, 5 logging; {@code request}, {@code response} and {@code logging} name 2, 4 and 5.
 * <pre>SecRule REQUEST_HEADERS:Host "@eq 0" "id:1,phase:1,deny"</pre>
 */
final class Phase implements RuleAction {

    private final int phase;

    Phase(String argument) {
        switch (argument.trim().toLowerCase(Locale.ROOT)) {
            case "request":
                phase = 2;
                break;
            case "response":
                phase = 4;
                break;
            case "logging":
                phase = 5;
                break;
            default:
                phase = Arguments.integer("phase", argument);
        }
    }

    @Override
    public void declare(RuleDefinition rule) {
        rule.phase(phase);
    }
}
