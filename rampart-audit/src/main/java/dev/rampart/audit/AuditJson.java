package dev.rampart.audit;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON form of an entry: one line of an export, a file sink or the spool, and the admin API's
 * item. Field names are snake_case; {@code seq} is -1 for an entry spooled but not yet numbered.
 */
public final class AuditJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AuditJson() {}

    public static ObjectNode toNode(StoredEntry stored) {
        AuditEntry e = stored.entry();
        ObjectNode node = JSON.createObjectNode();
        node.put("seq", stored.seq());
        node.put("time", e.time().toString());
        node.put("event_type", e.eventType());
        node.put("principal", e.principal());
        node.put("client_ip", e.clientIp());
        node.put("route", e.route());
        node.put("action", e.action());
        node.put("result", e.result());
        node.put("request_id", e.requestId());
        ObjectNode details = node.putObject("details");
        e.details().forEach(details::put);
        return node;
    }

    /** One line of JSON, without the line feed. */
    public static String toLine(StoredEntry stored) {
        return JSON.writeValueAsString(toNode(stored));
    }

    public static StoredEntry fromLine(String line) {
        JsonNode node = JSON.readTree(line);
        Map<String, String> details = new TreeMap<>();
        node.path("details").properties().forEach(p -> details.put(p.getKey(), p.getValue().asString()));
        AuditEntry entry = AuditEntry.of(Instant.parse(node.get("time").asString()), node.get("event_type").asString(),
                text(node, "principal"), text(node, "client_ip"), text(node, "route"), text(node, "action"),
                text(node, "result"), text(node, "request_id"), details);
        return new StoredEntry(node.path("seq").asLong(-1), entry);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
