package dev.rampart.gateway.admin;

import static dev.rampart.gateway.admin.AdminCalls.body;
import static dev.rampart.gateway.admin.AdminCalls.string;

import dev.rampart.core.SecurityEvent;
import dev.rampart.detect.Incident;
import dev.rampart.detect.IncidentQuery;
import dev.rampart.detect.IncidentSeverity;
import dev.rampart.detect.Incidents;
import dev.rampart.gateway.detect.IncidentJson;
import dev.rampart.gateway.server.Gateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The admin API's {@code /admin/incidents}: list (newest first, filtered by state, severity, kind,
 * rule, opening time, subject or client address), show with timeline and
 * evidence, acknowledge, resolve and annotate the detector's incidents. Store calls run on a worker.
 * Also reports successful admin authentications to the detector ({@code admin.auth.succeeded}).
 */
final class IncidentsAdmin {

    static final int MAX_LIMIT = 500;
    /** Who changed an incident when the body names no one: the admin token carries no identity. */
    static final String DEFAULT_AUTHOR = "admin";
    private static final String NOTE_EXAMPLE = "{\"text\": \"talked to the key's owner\", \"by\": \"alice\"}";
    /** Polled by monitoring every few seconds: reporting each would bury the logins worth watching. */
    private static final Set<String> POLLED_PATHS = Set.of("/metrics", "/admin/health");

    private final Gateway gateway;
    private final AdminCalls calls;

    IncidentsAdmin(Gateway gateway, AdminApi.Problems problems) {
        this.gateway = gateway;
        this.calls = new AdminCalls(gateway.vertx(), problems, "incident-not-found", "incident-state-conflict", "incident");
    }

    /**
     * {@code GET /admin/incidents?state=&severity=&kind=&rule=&opened_after=&opened_before=&subject=&client_ip=&limit=}:
     * every filter optional, combined with AND, newest first.
     */
    void list(RoutingContext ctx) {
        IncidentQuery query;
        try {
            query = IncidentQuery.latest(limit(ctx.queryParams().get("limit")))
                    .withState(state(ctx.queryParams().get("state")))
                    .withSeverity(severity(AuditAdmin.param(ctx, "severity")))
                    .withKind(AuditAdmin.param(ctx, "kind"))
                    .withRule(AuditAdmin.param(ctx, "rule"))
                    .withOpenedAfter(AuditAdmin.instant(ctx, "opened_after"))
                    .withOpenedBefore(AuditAdmin.instant(ctx, "opened_before"))
                    .withSubject(AuditAdmin.param(ctx, "subject"))
                    .withClientIp(AuditAdmin.param(ctx, "client_ip"));
        } catch (IllegalArgumentException e) {
            calls.badRequest(ctx, e);
            return;
        }
        calls.blocking(ctx, () -> incidents().list(query), found -> {
            JsonArray list = new JsonArray();
            found.forEach(i -> list.add(IncidentJson.of(i, false)));
            return new AdminCalls.Answer(200, new JsonObject().put("incidents", list));
        });
    }

    void show(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        calls.blocking(ctx, () -> incidents().show(id).orElseThrow(), i -> new AdminCalls.Answer(200, IncidentJson.of(i, true)));
    }

    void acknowledge(RoutingContext ctx) {
        change(ctx, false, body -> incidents().acknowledge(ctx.pathParam("id"), author(body)));
    }

    void resolve(RoutingContext ctx) {
        change(ctx, false, body -> incidents().resolve(ctx.pathParam("id"), author(body), string(body, "resolution")));
    }

    void note(RoutingContext ctx) {
        change(ctx, true, body -> incidents().note(ctx.pathParam("id"), author(body), text(body)));
    }

    /**
     * Reports an accepted admin credential, for the detector's admin-login rules (a login after
     * failures, a new address). One event per admin call, except the polled endpoints.
     */
    static void adminAuthenticated(Gateway gateway, RoutingContext ctx, String requestId) {
        if (POLLED_PATHS.contains(ctx.request().path())) {
            return;
        }
        gateway.events().publish(new SecurityEvent(Instant.now(), "admin.auth.succeeded", SecurityEvent.Severity.INFO,
                "admin", null, requestId, null, ctx.request().remoteAddress().hostAddress(), DEFAULT_AUTHOR,
                Map.of("path", ctx.request().path(), "account", DEFAULT_AUTHOR)));
    }

    private void change(RoutingContext ctx, boolean bodyRequired, Function<JsonObject, Incident> change) {
        JsonObject body;
        try {
            body = body(ctx, bodyRequired, NOTE_EXAMPLE);
        } catch (IllegalArgumentException e) {
            calls.badRequest(ctx, e);
            return;
        }
        calls.blocking(ctx, () -> change.apply(body), i -> new AdminCalls.Answer(200, IncidentJson.of(i, true)));
    }

    private Incidents incidents() {
        return gateway.detection().incidents();
    }

    private static String text(JsonObject body) {
        String text = string(body, "text");
        if (text == null) {
            throw new IllegalArgumentException("the body needs 'text', e.g. " + NOTE_EXAMPLE);
        }
        return text;
    }

    private static String author(JsonObject body) {
        String by = string(body, "by");
        return by == null || by.isBlank() ? DEFAULT_AUTHOR : by;
    }

    static Incident.State state(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Incident.State.valueOf(text.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("state '" + text + "' is not allowed; use open, acknowledged or resolved");
        }
    }

    static IncidentSeverity severity(String text) {
        return text == null ? null : IncidentSeverity.parse(text, "severity");
    }

    static int limit(String text) {
        if (text == null || text.isEmpty()) {
            return 50;
        }
        int limit;
        try {
            limit = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit '" + text + "' is not a number; use 1.." + MAX_LIMIT);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit " + limit + " is outside 1.." + MAX_LIMIT);
        }
        return limit;
    }
}
