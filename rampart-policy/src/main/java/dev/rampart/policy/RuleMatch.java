package dev.rampart.policy;

/**
 * A deny rule that applied.
 *
 * @param ruleId the rule's id
 * @param path the rule's config key, e.g. {@code policy.rules[3]}
 * @param permission the required permission it denied
 * @param pattern the rule's pattern that covered it
 * @param condition how its condition came out (true, or an error: errors deny), or null when it has none
 */
public record RuleMatch(String ruleId, String path, String permission, String pattern, ConditionResult condition) {

    @Override
    public String toString() {
        String because = condition == null ? ""
                : condition.outcome() == ConditionResult.Outcome.ERROR
                        ? " (condition error, which denies: " + condition.error() + ")"
                        : " (condition true)";
        return "rule " + ruleId + " denies " + permission + because;
    }
}
