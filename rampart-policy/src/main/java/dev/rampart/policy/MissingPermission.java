package dev.rampart.policy;

import java.util.List;

/**
 * A required permission nothing granted, and what would have.
 *
 * @param permission the permission the request needed
 * @param grantingRoles roles that grant it (directly or by inheritance), sorted, at most
 *     {@link #MAX_LISTED}; empty when no role does
 * @param moreGrantingRoles how many further roles grant it
 * @param allowRules allow rules covering it that did not apply: their subjects did not match, or
 *     their condition was false or failed (see the explanation's conditions)
 */
public record MissingPermission(String permission, List<String> grantingRoles, int moreGrantingRoles,
        List<String> allowRules) {

    /** Most roles listed by name in an explanation. */
    public static final int MAX_LISTED = 10;

    public MissingPermission {
        grantingRoles = List.copyOf(grantingRoles);
        allowRules = List.copyOf(allowRules);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(permission);
        if (grantingRoles.isEmpty()) {
            s.append(" (no role grants it");
        } else {
            s.append(" (granted by role").append(grantingRoles.size() + moreGrantingRoles > 1 ? "s " : " ")
                    .append(String.join(", ", grantingRoles));
            if (moreGrantingRoles > 0) {
                s.append(" and ").append(moreGrantingRoles).append(" more");
            }
        }
        if (!allowRules.isEmpty()) {
            s.append("; allow rule").append(allowRules.size() > 1 ? "s " : " ").append(String.join(", ", allowRules))
                    .append(" did not apply");
        }
        return s.append(')').toString();
    }
}
