package dev.rampart.policy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Values keyed by permission pattern, two levels deep (resource, then action) so that finding what
 * covers a concrete two-part permission is four hash lookups — exact, {@code resource:*},
 * {@code *:action}, {@code *:*} — whatever the number of patterns, with no string built per request.
 * A three-part pattern is kept under the key {@code action:target}; a three-part permission is
 * looked up under each of its {@link Permission#coveringTargets covering targets} in turn, four
 * lookups each.
 */
final class PermissionIndex<T> {

    private static final int RESOURCE_ACTION_VARIANTS = 4;

    private final Map<String, Map<String, T>> byResource = new HashMap<>();

    T computeIfAbsent(Permission pattern, Supplier<T> create) {
        return byResource.computeIfAbsent(pattern.resource(), r -> new HashMap<>())
                .computeIfAbsent(actionKey(pattern.action(), pattern.target()), a -> create.get());
    }

    /** How many patterns may cover {@code required}: 4 for a two-part permission, 4 per covering target otherwise. */
    static int variants(Permission required) {
        return required.target() == null ? RESOURCE_ACTION_VARIANTS
                : RESOURCE_ACTION_VARIANTS * Permission.coveringTargets(required.target()).size();
    }

    /**
     * The value stored under the {@code variant}-th pattern that covers {@code required}, most
     * specific first (0 exact, 1 {@code resource:*}, 2 {@code *:action}, 3 {@code *:*}, then the
     * same four with the next covering target); null when there is none.
     */
    T covering(Permission required, int variant) {
        Map<String, T> actions = byResource.get(resourceOf(required, variant));
        return actions == null ? null : actions.get(actionKey(actionOf(required, variant), targetOf(required, variant)));
    }

    /** The pattern {@link #covering} looks under for {@code variant}. */
    static String patternOf(Permission required, int variant) {
        String target = targetOf(required, variant);
        return resourceOf(required, variant) + ":" + actionOf(required, variant) + (target == null ? "" : ":" + target);
    }

    private static String resourceOf(Permission required, int variant) {
        return variant % RESOURCE_ACTION_VARIANTS < 2 ? required.resource() : Permission.ANY;
    }

    private static String actionOf(Permission required, int variant) {
        return variant % 2 == 0 ? required.action() : Permission.ANY;
    }

    private static String targetOf(Permission required, int variant) {
        if (required.target() == null) {
            return null;
        }
        List<String> targets = Permission.coveringTargets(required.target());
        return targets.get(variant / RESOURCE_ACTION_VARIANTS);
    }

    private static String actionKey(String action, String target) {
        // ':' cannot occur in an action, so "encrypt:payments" never collides with a two-part action
        return target == null ? action : action + ":" + target;
    }
}
