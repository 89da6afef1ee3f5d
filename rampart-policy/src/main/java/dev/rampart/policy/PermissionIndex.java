package dev.rampart.policy;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Values keyed by permission pattern, two levels deep (resource, then action) so that finding what
 * covers a concrete permission is four hash lookups — exact, {@code resource:*}, {@code *:action},
 * {@code *:*} — whatever the number of patterns, with no string built per request.
 */
final class PermissionIndex<T> {

    private final Map<String, Map<String, T>> byResource = new HashMap<>();

    T computeIfAbsent(Permission pattern, Supplier<T> create) {
        return byResource.computeIfAbsent(pattern.resource(), r -> new HashMap<>())
                .computeIfAbsent(pattern.action(), a -> create.get());
    }

    /**
     * The value stored under the {@code variant}-th pattern that covers {@code required}: 0 exact,
     * 1 {@code resource:*}, 2 {@code *:action}, 3 {@code *:*}; null when there is none.
     */
    T covering(Permission required, int variant) {
        Map<String, T> actions = byResource.get(variant < 2 ? required.resource() : Permission.ANY);
        return actions == null ? null : actions.get(variant % 2 == 0 ? required.action() : Permission.ANY);
    }

    /** The pattern {@link #covering} looks under for {@code variant}. */
    static String patternOf(Permission required, int variant) {
        return (variant < 2 ? required.resource() : Permission.ANY) + ":"
                + (variant % 2 == 0 ? required.action() : Permission.ANY);
    }

    static final int VARIANTS = 4;
}
