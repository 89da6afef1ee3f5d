package dev.rampart.waf.action;

import dev.rampart.waf.engine.RuleDefinition;

/**
 * {@code skipAfter}: on a match, continue after the named {@code SecMarker} (CRS skips the rules of
 * paranoia levels that are off this way).
 * <pre>SecRule TX:DETECTION_PARANOIA_LEVEL "{@literal @}lt 2" "id:1,phase:2,pass,nolog,skipAfter:END-PL2"</pre>
 */
final class SkipAfter implements RuleAction {

    private final String marker;

    SkipAfter(String argument) {
        this.marker = Arguments.required("skipAfter", argument).trim();
    }

    @Override
    public void declare(RuleDefinition rule) {
        rule.skipAfter(marker);
    }
}
