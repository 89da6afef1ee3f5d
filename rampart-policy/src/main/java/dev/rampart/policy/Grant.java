package dev.rampart.policy;

/**
 * What allowed one required permission.
 *
 * @param permission the permission the request needed
 * @param source a role grant or an allow rule
 * @param name the role's name or the rule's id
 * @param pattern the permission pattern that covered it, e.g. {@code messages:*}
 */
public record Grant(String permission, Source source, String name, String pattern) {

    /** Where a grant came from. */
    public enum Source {
        ROLE,
        RULE
    }

    @Override
    public String toString() {
        return permission + " by " + (source == Source.ROLE ? "role " : "rule ") + name
                + (pattern.equals(permission) ? "" : " (" + pattern + ")");
    }
}
