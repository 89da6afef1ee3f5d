package dev.rampart.detect.internal;

import dev.rampart.core.SecurityEvent;
import dev.rampart.core.config.EventFilterConfig;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** One {@link EventFilterConfig} made into sets; a list of them matches when any one does. */
public record EventFilter(Set<String> types, Set<String> codes, Set<String> sources, Map<String, Set<String>> details) {

    public static EventFilter of(EventFilterConfig config) {
        return new EventFilter(Set.copyOf(config.types()), Set.copyOf(config.codes()), Set.copyOf(config.sources()),
                config.details().entrySet().stream()
                        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> Set.copyOf(e.getValue()))));
    }

    public static List<EventFilter> all(List<EventFilterConfig> configs) {
        return configs.stream().map(EventFilter::of).toList();
    }

    /** Whether any of {@code filters} matches {@code event}. */
    public static boolean anyMatches(List<EventFilter> filters, SecurityEvent event) {
        for (EventFilter filter : filters) {
            if (filter.matches(event)) {
                return true;
            }
        }
        return false;
    }

    public boolean matches(SecurityEvent event) {
        if (!allows(types, event.type()) || !allows(codes, event.code()) || !allows(sources, event.source())) {
            return false;
        }
        for (Map.Entry<String, Set<String>> required : details.entrySet()) {
            if (!allows(required.getValue(), event.details().get(required.getKey())) || required.getValue().isEmpty()
                    && event.details().get(required.getKey()) == null) {
                return false;
            }
        }
        return true;
    }

    private static boolean allows(Set<String> allowed, String value) {
        return allowed.isEmpty() || (value != null && allowed.contains(value));
    }
}
