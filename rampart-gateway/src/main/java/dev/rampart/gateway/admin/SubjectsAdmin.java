package dev.rampart.gateway.admin;

import static dev.rampart.gateway.admin.AdminCalls.body;
import static dev.rampart.gateway.admin.AdminCalls.string;
import static net.logstash.logback.argument.StructuredArguments.kv;

import dev.rampart.auth.user.UserRecord;
import dev.rampart.core.SecurityEvent;
import dev.rampart.detect.Incidents;
import dev.rampart.gateway.server.Gateway;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API's data-subject requests ({@link SubjectRequests}): {@code GET /admin/subjects/{id}/export}
 * and {@code POST /admin/subjects/{id}/erase}, which needs {@code {"confirm": "<id>"}} in its body.
 * Both are security events ({@code privacy.subject-exported}, {@code privacy.subject-erased}) whose
 * principal is the operator and which name the subject only by its lookup hash, so the audit log
 * keeps no readable trace of an erased subject's id.
 */
final class SubjectsAdmin {

    private static final Logger log = LoggerFactory.getLogger(SubjectsAdmin.class);

    private final Gateway gateway;
    private final AdminCalls calls;

    SubjectsAdmin(Gateway gateway, AdminApi.Problems problems) {
        this.gateway = gateway;
        this.calls = new AdminCalls(gateway.vertx(), problems, "subject-not-found", "subject-conflict", "subject");
    }

    private SubjectRequests requests() {
        var console = gateway.consoleLogin();
        return new SubjectRequests(console, gateway.apiKeys(), gateway.audit().map(a -> a.log().reader()).orElse(null),
                incidents(), Clock.systemUTC());
    }

    /** The detector's own incidents, so that a redaction and the detector's appends to a timeline take turns. */
    private Incidents incidents() {
        return gateway.detection() != null ? gateway.detection().incidents()
                : Incidents.over(gateway.store(), gateway.loadedConfig().config().detection(), Clock.systemUTC());
    }

    void export(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        long after;
        try {
            String text = ctx.request().getParam("audit_after");
            after = text == null || text.isBlank() ? -1 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            calls.badRequest(ctx, new IllegalArgumentException("audit_after must be a whole number (an entry's seq)"));
            return;
        }
        calls.blocking(ctx, () -> {
            var doc = requests().export(id, after);
            publish(ctx, "privacy.subject-exported", Map.of());
            return doc;
        }, doc -> new AdminCalls.Answer(200, doc));
    }

    void erase(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        try {
            String confirm = string(body(ctx, true, "{\"confirm\": \"" + id + "\"}"), "confirm");
            if (!id.equals(confirm)) {
                throw new IllegalArgumentException("erasing cannot be undone: repeat the subject id in the body, e.g. "
                        + "{\"confirm\": \"" + id + "\"}");
            }
        } catch (IllegalArgumentException e) {
            calls.badRequest(ctx, e);
            return;
        }
        calls.blocking(ctx, () -> {
            SubjectRequests.Erasure erasure = requests().erase(id);
            publish(ctx, "privacy.subject-erased", erasure.eventDetails());
            log.info("data subject erased", kv("subject_hash", erasure.answer().getString("audit_subject_hash")),
                    kv("request_id", ctx.get("request_id")));
            return erasure.answer();
        }, answer -> new AdminCalls.Answer(200, answer));
    }

    /** The event of a request, naming the operator and (by lookup hash) the subject. */
    private void publish(RoutingContext ctx, String type, Map<String, String> details) {
        Map<String, String> all = new java.util.TreeMap<>(details);
        gateway.audit().ifPresent(a -> all.putIfAbsent("subject_hash", a.log().reader().subjectHash(ctx.pathParam("id"))));
        UserRecord operator = ctx.get(ConsoleSessionsAdmin.SESSION_USER);
        gateway.events().publish(new SecurityEvent(Instant.now(), type, SecurityEvent.Severity.INFO, "admin", null,
                ctx.get("request_id"), null, ctx.request().remoteAddress().hostAddress(),
                operator == null ? "admin" : operator.id(), all));
    }
}
