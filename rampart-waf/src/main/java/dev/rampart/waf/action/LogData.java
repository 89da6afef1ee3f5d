package dev.rampart.waf.action;

import dev.rampart.waf.engine.RuleDefinition;

/**
 * {@code logdata}: the data logged with a match, usually what matched; macros are expanded at match time.
 * <pre>SecRule ARGS "@rx x" "id:1,phase:2,pass,logdata:'%{MATCHED_VAR}'"</pre>
 */
final class LogData implements RuleAction {

    private final String data;

    LogData(String argument) {
        this.data = argument == null ? "" : argument;
    }

    @Override
    public void declare(RuleDefinition rule) {
        rule.logData(data);
    }
}
