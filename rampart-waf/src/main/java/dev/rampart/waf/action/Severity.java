package dev.rampart.waf.action;

import dev.rampart.waf.engine.RuleDefinition;
import java.util.List;
import java.util.Locale;

/**
 * {@code severity}: how serious a match is, by name (EMERGENCY … DEBUG) or number 0–7.
 * <pre>SecRule ARGS "@rx x" "id:1,phase:2,pass,severity:'CRITICAL'"</pre>
 */
final class Severity implements RuleAction {

    static final List<String> NAMES =
            List.of("EMERGENCY", "ALERT", "CRITICAL", "ERROR", "WARNING", "NOTICE", "INFO", "DEBUG");

    private final int level;

    Severity(String argument) {
        String value = Arguments.required("severity", argument).trim().toUpperCase(Locale.ROOT);
        int index = NAMES.indexOf(value);
        if (index < 0) {
            index = value.matches("[0-7]") ? Integer.parseInt(value) : -1;
        }
        if (index < 0) {
            throw new IllegalArgumentException(
                    "severity must be 0-7 or one of " + String.join(", ", NAMES) + ", got '" + argument + "'");
        }
        this.level = index;
    }

    @Override
    public void declare(RuleDefinition rule) {
        rule.severity(level);
    }
}
