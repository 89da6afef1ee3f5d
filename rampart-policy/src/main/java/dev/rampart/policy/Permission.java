package dev.rampart.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A permission written {@code resource:action}, e.g. {@code messages:write}. In what roles and rules
 * grant, either part may be {@code *} (any): {@code messages:*}, {@code *:read}, {@code *:*}. What a
 * request needs is always concrete.
 *
 * @param resource what is acted on, or {@code *}
 * @param action what is done, or {@code *}
 */
public record Permission(String resource, String action) {

    /** The wildcard that stands for any resource or any action. */
    public static final String ANY = "*";

    private static final Pattern PART = Pattern.compile("[A-Za-z0-9._-]+");

    public Permission {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(action, "action");
        if (!isPart(resource) || !isPart(action)) {
            throw new IllegalArgumentException(describeBadSyntax(resource + ":" + action));
        }
    }

    /**
     * Parses {@code resource:action}, wildcards allowed.
     *
     * @throws IllegalArgumentException saying what is wrong and what is allowed
     */
    public static Permission parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException(describeBadSyntax(null));
        }
        int colon = text.indexOf(':');
        if (colon < 0 || text.indexOf(':', colon + 1) >= 0) {
            throw new IllegalArgumentException(describeBadSyntax(text));
        }
        return new Permission(text.substring(0, colon), text.substring(colon + 1));
    }

    /**
     * Parses a permission a request needs: like {@link #parse} but without wildcards, since a
     * request needs a definite permission (a route listing {@code messages:*} would be satisfied by
     * any role that grants only {@code messages:read}, which is never what is meant).
     */
    public static Permission parseRequired(String text) {
        Permission p = parse(text);
        if (!p.isConcrete()) {
            throw new IllegalArgumentException("'" + text + "': a required permission names one resource and one "
                    + "action, without '*' (wildcards belong in what roles and rules grant)");
        }
        return p;
    }

    /** {@link #parseRequired} of each, e.g. a route's {@code permissions} list, parsed once at load. */
    public static List<Permission> parseAllRequired(List<String> texts) {
        List<Permission> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            out.add(parseRequired(t));
        }
        return List.copyOf(out);
    }

    /** True when neither part is a wildcard. */
    public boolean isConcrete() {
        return !ANY.equals(resource) && !ANY.equals(action);
    }

    /** Whether this pattern grants {@code required} (a concrete permission). */
    public boolean grants(Permission required) {
        return (ANY.equals(resource) || resource.equals(required.resource))
                && (ANY.equals(action) || action.equals(required.action));
    }

    private static boolean isPart(String s) {
        return ANY.equals(s) || PART.matcher(s).matches();
    }

    private static String describeBadSyntax(String text) {
        return "'" + text + "' is not a permission; write resource:action with letters, digits, '.', '_' or '-' "
                + "in each part, or '*' for any: e.g. messages:write, messages:*, *:read";
    }

    @Override
    public String toString() {
        return resource + ":" + action;
    }
}
