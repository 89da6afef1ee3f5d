package dev.rampart.core.config;

import java.util.List;
import java.util.Map;

/**
 * Which security events a detection rule looks at. Every non-empty part must match; an empty part
 * matches anything.
 */
public record EventFilterConfig(
        @Doc("Event types, e.g. [authentication.failed]; empty: any type.") List<String> types,
        @Doc("Reason codes, e.g. [bad-secret, revoked]; empty: any code.") List<String> codes,
        @Doc("Emitting guards or components, e.g. [authentication]; empty: any source.") List<String> sources,
        @Doc("Detail values that must be present, e.g. {status: ['404']}; each key lists the allowed values.")
        Map<String, List<String>> details) {

    public EventFilterConfig {
        types = types == null ? List.of() : List.copyOf(types);
        codes = codes == null ? List.of() : List.copyOf(codes);
        sources = sources == null ? List.of() : List.copyOf(sources);
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    /** A filter on event types only. */
    public static EventFilterConfig ofTypes(String... types) {
        return new EventFilterConfig(List.of(types), null, null, null);
    }
}
