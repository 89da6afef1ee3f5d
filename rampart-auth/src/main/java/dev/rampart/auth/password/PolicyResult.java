package dev.rampart.auth.password;

import java.util.List;

/** Every rule a candidate password broke, in the order the policy checks them; empty when it is acceptable. */
public record PolicyResult(List<PolicyViolation> violations) {

    public PolicyResult {
        violations = List.copyOf(violations);
    }

    public boolean acceptable() {
        return violations.isEmpty();
    }

    public boolean broke(PolicyViolation.Rule rule) {
        return violations.stream().anyMatch(v -> v.rule() == rule);
    }
}
