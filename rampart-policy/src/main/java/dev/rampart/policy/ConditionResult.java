package dev.rampart.policy;

/**
 * How one rule's condition came out on a request.
 *
 * @param ruleId the rule whose condition it is
 * @param path the config key of the expression, e.g. {@code policy.rules[2].condition}
 * @param expression the CEL text
 * @param outcome true, false, or an evaluation error
 * @param error the evaluation error's message (e.g. a missing attribute), or null
 */
public record ConditionResult(String ruleId, String path, String expression, Outcome outcome, String error) {

    /** What a condition evaluated to. An error never lets a request through. */
    public enum Outcome {
        TRUE,
        FALSE,
        ERROR
    }

    @Override
    public String toString() {
        return "rule " + ruleId + ": condition " + (outcome == Outcome.ERROR ? "error (" + error + ")"
                : outcome.name().toLowerCase(java.util.Locale.ROOT));
    }
}
