package dev.rampart.gateway.admin;

import dev.rampart.audit.AuditJson;
import dev.rampart.audit.AuditLog;
import dev.rampart.audit.AuditQuery;
import dev.rampart.audit.Checkpoint;
import dev.rampart.gateway.server.Gateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The admin API's {@code /admin/audit/…}: search the audit log, list its signed checkpoints, and
 * serve RFC 6962 inclusion and consistency proofs (hashes in base64) that a client verifies
 * against a checkpoint it trusts.
 */
final class AuditAdmin {

    private final Gateway gateway;
    private final AdminApi.Problems problems;
    private final AdminCalls calls;

    AuditAdmin(Gateway gateway, AdminApi.Problems problems) {
        this.gateway = gateway;
        this.problems = problems;
        this.calls = new AdminCalls(gateway.vertx(), problems, "audit-entry-not-found", "audit-conflict", "audit entry");
    }

    void entries(RoutingContext ctx) {
        withLog(ctx).ifPresent(auditLog -> {
            AuditQuery query;
            try {
                query = new AuditQuery(instant(ctx, "from"), instant(ctx, "to"), param(ctx, "principal"),
                        param(ctx, "client_ip"), param(ctx, "event_type"), param(ctx, "route"), param(ctx, "result"),
                        number(ctx, "after", -1), (int) number(ctx, "limit", 100));
            } catch (IllegalArgumentException e) {
                calls.badRequest(ctx, e);
                return;
            }
            calls.blocking(ctx, () -> auditLog.query(query), found -> {
                JsonArray entries = new JsonArray();
                found.forEach(e -> entries.add(new JsonObject(AuditJson.toLine(e))));
                JsonObject body = new JsonObject().put("entries", entries);
                body.put("next_after", found.size() == query.limit() ? found.get(found.size() - 1).seq() : null);
                return new AdminCalls.Answer(200, body);
            });
        });
    }

    void checkpoints(RoutingContext ctx) {
        withLog(ctx).ifPresent(auditLog -> {
            long from;
            int limit;
            try {
                from = number(ctx, "from", 0);
                limit = (int) number(ctx, "limit", 100);
                if (limit < 1 || limit > AuditQuery.MAX_LIMIT) {
                    throw new IllegalArgumentException("limit " + limit + " is outside 1.." + AuditQuery.MAX_LIMIT);
                }
            } catch (IllegalArgumentException e) {
                calls.badRequest(ctx, e);
                return;
            }
            calls.blocking(ctx, () -> auditLog.checkpoints(from, limit), found -> {
                JsonArray list = new JsonArray();
                found.forEach(cp -> list.add(json(cp)));
                return new AdminCalls.Answer(200, new JsonObject().put("tree_size", auditLog.size()).put("checkpoints", list));
            });
        });
    }

    void inclusionProof(RoutingContext ctx) {
        withLog(ctx).ifPresent(auditLog -> {
            try {
                long seq = required(ctx, "seq");
                long treeSize = number(ctx, "tree_size", auditLog.size());
                AuditLog.InclusionProof p = auditLog.inclusionProof(seq, treeSize);
                send(ctx, new JsonObject().put("seq", p.seq()).put("tree_size", p.treeSize())
                        .put("leaf_hash", b64(p.leafHash())).put("root_hash", b64(p.rootHash())).put("path", hashes(p.path())));
            } catch (IllegalArgumentException e) {
                calls.badRequest(ctx, e);
            }
        });
    }

    void consistencyProof(RoutingContext ctx) {
        withLog(ctx).ifPresent(auditLog -> {
            try {
                long from = required(ctx, "from");
                long to = number(ctx, "to", auditLog.size());
                AuditLog.ConsistencyProof p = auditLog.consistencyProof(from, to);
                send(ctx, new JsonObject().put("from", p.size1()).put("to", p.size2()).put("from_root_hash", b64(p.root1()))
                        .put("to_root_hash", b64(p.root2())).put("path", hashes(p.path())));
            } catch (IllegalArgumentException e) {
                calls.badRequest(ctx, e);
            }
        });
    }

    private Optional<AuditLog> withLog(RoutingContext ctx) {
        Optional<AuditLog> auditLog = gateway.audit().map(a -> a.log());
        if (auditLog.isEmpty()) {
            problems.send(ctx, 404, "audit-disabled", "The audit log is off (audit.enabled: false in the config).");
        }
        return auditLog;
    }

    static JsonObject json(Checkpoint cp) {
        return new JsonObject().put("tree_size", cp.treeSize()).put("root_hash", b64(cp.rootHash()))
                .put("time", AdminCalls.time(cp.time())).put("key_id", cp.keyId()).put("signature", b64(cp.signature()));
    }

    private static JsonArray hashes(List<byte[]> path) {
        JsonArray array = new JsonArray();
        path.forEach(h -> array.add(b64(h)));
        return array;
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    static String param(RoutingContext ctx, String name) {
        String value = ctx.request().getParam(name);
        return value == null || value.isBlank() ? null : value;
    }

    /** A query parameter as an instant, or null when absent; a clear error when it is not RFC 3339 UTC. */
    static Instant instant(RoutingContext ctx, String name) {
        String value = param(ctx, name);
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an RFC 3339 UTC time such as 2026-11-26T10:00:00Z, got '" + value + "'");
        }
    }

    private static long number(RoutingContext ctx, String name, long fallback) {
        String value = param(ctx, name);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
        }
    }

    private static long required(RoutingContext ctx, String name) {
        if (param(ctx, name) == null) {
            throw new IllegalArgumentException("query parameter " + name + " is required");
        }
        return number(ctx, name, 0);
    }

    private static void send(RoutingContext ctx, JsonObject body) {
        ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json").end(body.encode());
    }
}
