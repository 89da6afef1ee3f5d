package dev.rampart.gateway.admin;

import static dev.rampart.gateway.admin.AdminCalls.body;
import static dev.rampart.gateway.admin.AdminCalls.string;
import static dev.rampart.gateway.admin.AdminCalls.time;

import dev.rampart.core.BanList;
import dev.rampart.gateway.server.Gateway;
import dev.rampart.ratelimit.IpAccessList;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Objects;

/**
 * The admin API's {@code /admin/bans} and {@code /admin/ip-lists}: list, add and lift bans (the ban
 * list emits {@code ban.added} / {@code ban.removed}) and run-time allow/deny entries. Changes take
 * effect at once in this gateway (connection accept and requests), are written to the store, and
 * reach the other gateways of a cluster within {@code bans.sync-interval}. In memory: nothing here
 * waits for the store.
 */
final class TrafficAdmin {

    private static final String BAN_EXAMPLE = "{\"block\": \"203.0.113.7\", \"reason\": \"credential stuffing\"}";
    private static final String LIST_EXAMPLE = "{\"list\": \"deny\", \"block\": \"198.51.100.0/24\", \"reason\": \"abuse\"}";

    private final Gateway gateway;
    private final AdminApi.Problems problems;

    TrafficAdmin(Gateway gateway, AdminApi.Problems problems) {
        this.gateway = gateway;
        this.problems = problems;
    }

    void listBans(RoutingContext ctx) {
        JsonArray bans = new JsonArray();
        gateway.traffic().bans().list().forEach(b -> bans.add(json(b)));
        send(ctx, 200, new JsonObject().put("bans", bans));
    }

    void addBan(RoutingContext ctx) {
        try {
            JsonObject body = body(ctx, true, BAN_EXAMPLE);
            String block = required(body, "block", BAN_EXAMPLE);
            String reason = Objects.requireNonNullElse(string(body, "reason"), "banned by an operator");
            send(ctx, 201, json(gateway.traffic().bans().ban(block, reason, "admin")));
        } catch (IllegalArgumentException e) {
            problems.send(ctx, 400, "invalid-request", AdminCalls.message(e));
        }
    }

    void removeBan(RoutingContext ctx) {
        try {
            String block = required(body(ctx, true, BAN_EXAMPLE), "block", BAN_EXAMPLE);
            gateway.traffic().bans().unban(block).ifPresentOrElse(b -> send(ctx, 200, json(b)),
                    () -> problems.send(ctx, 404, "ban-not-found", "No ban of '" + block + "' is in force."));
        } catch (IllegalArgumentException e) {
            problems.send(ctx, 400, "invalid-request", AdminCalls.message(e));
        }
    }

    void listIpEntries(RoutingContext ctx) {
        JsonArray entries = new JsonArray();
        gateway.traffic().ipLists().entries().forEach(e -> entries.add(json(e)));
        send(ctx, 200, new JsonObject().put("entries", entries));
    }

    void addIpEntry(RoutingContext ctx) {
        try {
            JsonObject body = body(ctx, true, LIST_EXAMPLE);
            IpAccessList.Kind list = kind(body);
            String reason = Objects.requireNonNullElse(string(body, "reason"), "added by an operator");
            send(ctx, 201, json(gateway.traffic().ipLists().add(list, required(body, "block", LIST_EXAMPLE), reason)));
        } catch (IllegalArgumentException e) {
            problems.send(ctx, 400, "invalid-request", AdminCalls.message(e));
        }
    }

    void removeIpEntry(RoutingContext ctx) {
        try {
            JsonObject body = body(ctx, true, LIST_EXAMPLE);
            IpAccessList.Kind list = kind(body);
            String block = required(body, "block", LIST_EXAMPLE);
            gateway.traffic().ipLists().remove(list, block).ifPresentOrElse(e -> send(ctx, 200, json(e)),
                    () -> problems.send(ctx, 404, "ip-list-entry-not-found", "The " + list + " list has no run-time entry '"
                            + block + "'."));
        } catch (IllegalArgumentException e) {
            problems.send(ctx, 400, "invalid-request", AdminCalls.message(e));
        }
    }

    private static IpAccessList.Kind kind(JsonObject body) {
        String list = required(body, "list", LIST_EXAMPLE);
        try {
            return IpAccessList.Kind.valueOf(list.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("list must be allow or deny, got '" + list + "'");
        }
    }

    private static String required(JsonObject body, String field, String example) {
        String value = string(body, field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required, e.g. " + example);
        }
        return value;
    }

    private static void send(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }

    static JsonObject json(BanList.Ban b) {
        return new JsonObject().put("block", b.block()).put("reason", b.reason()).put("source", b.source())
                .put("since", time(b.since())).put("until", time(b.until())).put("offence", b.offence());
    }

    static JsonObject json(IpAccessList.Entry e) {
        return new JsonObject().put("list", e.list().name()).put("block", e.block()).put("reason", e.reason())
                .put("created_at", time(e.createdAt()));
    }
}
