package dev.rampart.auth.user;

import dev.rampart.auth.password.PolicyViolation;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A new password broke the password policy. The message lists every broken rule as the user should
 * read it; {@link #violations()} gives the stable codes. Neither contains the password.
 */
public final class PasswordRejectedException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<PolicyViolation> violations;

    PasswordRejectedException(String username, List<PolicyViolation> violations) {
        super("the password for user '" + username + "' does not meet the password policy: "
                + violations.stream().map(v -> v.message() + " (" + v.code() + ")").collect(Collectors.joining(" ")));
        this.violations = List.copyOf(violations);
    }

    public List<PolicyViolation> violations() {
        return violations;
    }
}
