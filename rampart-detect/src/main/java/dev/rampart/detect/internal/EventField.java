package dev.rampart.detect.internal;

import dev.rampart.core.SecurityEvent;
import java.util.function.Function;

/**
 * A field of a {@link SecurityEvent} as rules name it: {@code client_ip}, {@code principal},
 * {@code code}, {@code source}, {@code route}, {@code type}, {@code severity} or
 * {@code details.<name>}.
 */
public record EventField(String name, Function<SecurityEvent, String> reader) {

    /** Names a rule may use besides {@code details.<name>}. */
    public static final String NAMES = "client_ip, principal, code, source, route, type, severity or details.<name>";

    /**
     * Resolves a field name.
     *
     * @param where config path for the error message, e.g. {@code detection.rules[brute-force].group-by}
     * @throws IllegalArgumentException naming the path and the allowed names when unknown
     */
    public static EventField parse(String name, String where) {
        if (name != null && name.startsWith("details.") && name.length() > "details.".length()) {
            String key = name.substring("details.".length());
            return new EventField(name, e -> e.details().get(key));
        }
        Function<SecurityEvent, String> reader = name == null ? null : switch (name) {
            case "client_ip" -> SecurityEvent::clientIp;
            case "principal" -> SecurityEvent::principalId;
            case "code" -> SecurityEvent::code;
            case "source" -> SecurityEvent::source;
            case "route" -> SecurityEvent::routeId;
            case "type" -> SecurityEvent::type;
            case "severity" -> e -> e.severity().name();
            default -> null;
        };
        if (reader == null) {
            throw new IllegalArgumentException(where + ": '" + name + "' is not an event field; use " + NAMES);
        }
        return new EventField(name, reader);
    }

    /** The field's value in {@code event}, or null when it has none. */
    public String read(SecurityEvent event) {
        return reader.apply(event);
    }
}
