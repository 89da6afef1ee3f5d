package dev.rampart.detect.internal;

import dev.rampart.core.SecurityEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** JSON for evidence, timeline entries and webhook payloads; events keep the field names rules use. */
public final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    public static byte[] bytes(Object value) {
        return MAPPER.writeValueAsBytes(value);
    }

    /** Parses a JSON object (as written by {@link #write}) into maps and lists. */
    @SuppressWarnings("unchecked") // a JSON object always reads as a map with string keys
    public static Map<String, Object> readObject(String json) {
        return MAPPER.readValue(json, Map.class);
    }

    /** An event as a JSON object, null fields left out. */
    public static Map<String, Object> event(SecurityEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", e.time().toString());
        m.put("type", e.type());
        m.put("severity", e.severity().name());
        m.put("source", e.source());
        putIfPresent(m, "code", e.code());
        putIfPresent(m, "request_id", e.requestId());
        putIfPresent(m, "route", e.routeId());
        putIfPresent(m, "client_ip", e.clientIp());
        putIfPresent(m, "principal", e.principalId());
        if (!e.details().isEmpty()) {
            m.put("details", new java.util.TreeMap<>(e.details()));
        }
        return m;
    }

    public static List<Map<String, Object>> events(List<SecurityEvent> events) {
        return events.stream().map(Json::event).toList();
    }

    private static void putIfPresent(Map<String, Object> m, String key, String value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
