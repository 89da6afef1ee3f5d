package dev.rampart.waf;

import java.util.List;

/**
 * One rule (or rule chain, reported under the id of its first rule) that matched and is logged.
 *
 * @param ruleId        the rule id
 * @param phase         the phase it ran in (1–5)
 * @param message       its {@code msg}, macros expanded; empty when it has none
 * @param data          its {@code logdata}, macros expanded; may contain request data — callers
 *                      that forward it beyond the WAF log must mask it
 * @param severity      its {@code severity} name, empty when none
 * @param tags          its tags
 * @param variableNames the names of the variables that matched ({@code ARGS:q}, {@code REQUEST_HEADERS:User-Agent})
 */
public record RuleMatch(
        int ruleId, int phase, String message, String data, String severity, List<String> tags,
        List<String> variableNames) {

    public RuleMatch {
        tags = List.copyOf(tags);
        variableNames = List.copyOf(variableNames);
    }
}
