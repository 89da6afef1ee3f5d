package dev.rampart.policy;

/**
 * One mistake in a policy config.
 *
 * @param path the config key it concerns, e.g. {@code policy.rules[2].condition}
 * @param message what is wrong and what is allowed; for a condition it starts with the
 *     {@code line:column} inside the expression
 */
public record PolicyProblem(String path, String message) {

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
