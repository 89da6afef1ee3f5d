package dev.rampart.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A permission written {@code resource:action}, e.g. {@code messages:write}, or
 * {@code resource:action:target} for permissions on one named object, e.g.
 * {@code transit:encrypt:payments} or {@code secrets:read:apps/orders/db}. In what roles and rules
 * grant, the resource and the action may be {@code *} (any): {@code messages:*}, {@code *:read},
 * {@code *:*}; a target may be {@code *} (any target) or end in {@code /*} (every target below a
 * path: {@code secrets:read:apps/orders/*}). What a request needs is always concrete.
 *
 * <p>A two-part pattern never grants a three-part permission, and the other way round: a
 * {@code *:*} role written for a service's routes does not reach the keys and secrets of the crypto
 * service; that takes a pattern naming targets, e.g. {@code transit:*:*}.
 *
 * @param resource what is acted on, or {@code *}
 * @param action what is done, or {@code *}
 * @param target the named object, a wildcard over targets, or null for a two-part permission
 */
public record Permission(String resource, String action, String target) {

    /** The wildcard that stands for any resource, action or target. */
    public static final String ANY = "*";

    private static final Pattern PART = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern TARGET = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

    public Permission {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(action, "action");
        if (!isPart(resource) || !isPart(action) || target != null && !isTarget(target)) {
            throw new IllegalArgumentException(describeBadSyntax(resource + ":" + action
                    + (target == null ? "" : ":" + target)));
        }
    }

    /** A two-part permission, {@code resource:action}. */
    public Permission(String resource, String action) {
        this(resource, action, null);
    }

    /**
     * Parses {@code resource:action} or {@code resource:action:target}, wildcards allowed.
     *
     * @throws IllegalArgumentException saying what is wrong and what is allowed
     */
    public static Permission parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException(describeBadSyntax(null));
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException(describeBadSyntax(text));
        }
        int second = text.indexOf(':', colon + 1);
        if (second < 0) {
            return new Permission(text.substring(0, colon), text.substring(colon + 1), null);
        }
        if (text.indexOf(':', second + 1) >= 0) {
            throw new IllegalArgumentException(describeBadSyntax(text));
        }
        return new Permission(text.substring(0, colon), text.substring(colon + 1, second), text.substring(second + 1));
    }

    /**
     * Parses a permission a request needs: like {@link #parse} but without wildcards, since a
     * request needs a definite permission (a route listing {@code messages:*} would be satisfied by
     * any role that grants only {@code messages:read}, which is never what is meant).
     */
    public static Permission parseRequired(String text) {
        Permission p = parse(text);
        if (!p.isConcrete()) {
            throw new IllegalArgumentException("'" + text + "': a required permission names one resource, one "
                    + "action and, when it has one, one target, without '*' (wildcards belong in what roles and rules grant)");
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

    /** True when no part is a wildcard. */
    public boolean isConcrete() {
        return !ANY.equals(resource) && !ANY.equals(action) && (target == null || TARGET.matcher(target).matches());
    }

    /** Whether this pattern grants {@code required} (a concrete permission). */
    public boolean grants(Permission required) {
        if ((target == null) != (required.target == null)) {
            return false;
        }
        return (ANY.equals(resource) || resource.equals(required.resource))
                && (ANY.equals(action) || action.equals(required.action))
                && (target == null || targetCovers(target, required.target));
    }

    /**
     * The target patterns that cover a concrete target, most specific first: itself, then each
     * enclosing {@code path/*}, then {@code *} ({@code a/b/c}: {@code a/b/c}, {@code a/b/*},
     * {@code a/*}, {@code *}). This is what makes a lookup by pattern possible without a scan.
     */
    static List<String> coveringTargets(String target) {
        List<String> out = new ArrayList<>(4);
        out.add(target);
        for (int slash = target.lastIndexOf('/'); slash > 0; slash = target.lastIndexOf('/', slash - 1)) {
            out.add(target.substring(0, slash) + "/*");
        }
        out.add(ANY);
        return out;
    }

    private static boolean targetCovers(String pattern, String target) {
        if (ANY.equals(pattern)) {
            return true;
        }
        if (pattern.endsWith("/*")) {
            return target.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return pattern.equals(target);
    }

    private static boolean isPart(String s) {
        return ANY.equals(s) || PART.matcher(s).matches();
    }

    private static boolean isTarget(String s) {
        return ANY.equals(s) || TARGET.matcher(s).matches()
                || s.endsWith("/*") && TARGET.matcher(s.substring(0, s.length() - 2)).matches();
    }

    private static String describeBadSyntax(String text) {
        return "'" + text + "' is not a permission; write resource:action with letters, digits, '.', '_' or '-' "
                + "in each part, or '*' for any: e.g. messages:write, messages:*, *:read; or resource:action:target "
                + "for one key or secret path, the target '*' or ending in '/*' for many: e.g. transit:encrypt:payments, "
                + "secrets:read:apps/orders/*";
    }

    @Override
    public String toString() {
        return target == null ? resource + ":" + action : resource + ":" + action + ":" + target;
    }
}
