package dev.rampart.gateway.detect;

import dev.rampart.detect.Incident;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** Incidents as the admin API and {@code rampart incidents} show them (snake_case keys, ISO-8601 times). */
public final class IncidentJson {

    private IncidentJson() {
    }

    /** The incident; its evidence and timeline only when {@code full} (a list leaves them out). */
    public static JsonObject of(Incident i, boolean full) {
        JsonObject json = new JsonObject()
                .put("id", i.id())
                .put("kind", i.kind())
                .put("rule", i.rule())
                .put("severity", i.severity() == null ? null : i.severity().label())
                .put("state", i.state().name())
                .put("title", i.title())
                .put("opened_at", time(i.openedAt()))
                .put("respond_by", time(i.respondBy()))
                .put("resolve_by", time(i.resolveBy()))
                .put("acknowledged_at", time(i.acknowledgedAt()))
                .put("acknowledged_by", i.acknowledgedBy())
                .put("resolved_at", time(i.resolvedAt()))
                .put("resolved_by", i.resolvedBy())
                .put("response_breached_at", time(i.responseBreachedAt()))
                .put("resolution_breached_at", time(i.resolutionBreachedAt()));
        if (full) {
            json.put("evidence", embedded(i.evidence()));
            JsonArray timeline = new JsonArray();
            for (Incident.TimelineEntry e : i.timeline()) {
                timeline.add(new JsonObject().put("seq", e.seq()).put("at", time(e.at())).put("entry", e.entry().name())
                        .put("author", e.author()).put("body", e.entry() == Incident.Entry.event ? embedded(e.body()) : e.body()));
            }
            json.put("timeline", timeline);
        }
        return json;
    }

    /** A JSON object stored as text, as an object; other text as it is. */
    private static Object embedded(String text) {
        if (text == null || !text.startsWith("{")) {
            return text;
        }
        try {
            return new JsonObject(text);
        } catch (DecodeException e) {
            return text;
        }
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
