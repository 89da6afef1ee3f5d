package dev.rampart.waf.action;

import dev.rampart.waf.engine.Disruption;
import dev.rampart.waf.engine.RuleDefinition;
import java.util.Locale;

/**
 * {@code allow}: stop evaluating rules — for the rest of the transaction but logging ({@code allow}),
 * for the current phase ({@code allow:phase}) or for the request phases ({@code allow:request}).
 * <pre>SecRule REMOTE_ADDR "{@literal @}ipMatch 10.0.0.0/8" "id:1,phase:1,allow,nolog"</pre>
 */
final class Allow implements RuleAction {

    private final Disruption scope;

    Allow(String argument) {
        String value = argument == null ? "" : argument.trim().toLowerCase(Locale.ROOT);
        switch (value) {
            case "":
                scope = Disruption.ALLOW;
                break;
            case "phase":
                scope = Disruption.ALLOW_PHASE;
                break;
            case "request":
                scope = Disruption.ALLOW_REQUEST;
                break;
            default:
                throw new IllegalArgumentException("allow takes no argument, 'phase' or 'request', got '" + argument + "'");
        }
    }

    @Override
    public void declare(RuleDefinition rule) {
        rule.disruption(scope);
    }
}
