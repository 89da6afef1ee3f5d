package dev.rampart.gateway.admin;

import static dev.rampart.gateway.admin.AdminCalls.body;
import static dev.rampart.gateway.admin.AdminCalls.string;
import static dev.rampart.gateway.admin.AdminCalls.strings;
import static dev.rampart.gateway.admin.AdminCalls.time;
import static net.logstash.logback.argument.StructuredArguments.kv;

import dev.rampart.auth.apikey.ApiKeyRecord;
import dev.rampart.auth.apikey.CreatedApiKey;
import dev.rampart.auth.apikey.NewApiKey;
import dev.rampart.core.SecurityEvent;
import dev.rampart.core.config.Durations;
import dev.rampart.gateway.server.Gateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API's {@code /admin/api-keys} endpoints: create (the key is in the answer once and
 * nowhere else), list (metadata only, never a hash), revoke, rotate. Every store call runs on a
 * worker thread. Input mistakes are 400, an unknown key id 404, rotating a revoked key 409, all
 * problem+json.
 */
final class ApiKeysAdmin {

    private static final Logger log = LoggerFactory.getLogger(ApiKeysAdmin.class);
    /** The grace of a rotation when the request names none: time to roll the new key out. */
    static final Duration DEFAULT_ROTATION_GRACE = Duration.ofHours(24);

    private static final String EXAMPLE = "{\"name\": \"ci-deploy\", \"owner\": \"team-payments\", \"expires_in\": \"90d\"}";

    private final Gateway gateway;
    private final AdminCalls calls;

    ApiKeysAdmin(Gateway gateway, AdminApi.Problems problems) {
        this.gateway = gateway;
        this.calls = new AdminCalls(gateway.vertx(), problems, "api-key-not-found", "api-key-revoked", "API key");
    }

    void create(RoutingContext ctx) {
        NewApiKey request;
        try {
            JsonObject body = body(ctx, true, EXAMPLE);
            String expiresIn = string(body, "expires_in");
            request = new NewApiKey(string(body, "name"), string(body, "owner"), strings(body, "roles"),
                    strings(body, "scopes"), List.copyOf(strings(body, "allowed_cidrs")),
                    expiresIn == null ? null : Durations.parse(expiresIn), string(body, "plan"));
            KeyPlans.check(request.plan(), gateway.runtime().config().rateLimits());
        } catch (IllegalArgumentException | NullPointerException e) {
            calls.badRequest(ctx, e);
            return;
        }
        calls.blocking(ctx, () -> gateway.apiKeys().create(request), created -> {
            log.info("api key created", kv("key_id", created.record().id()), kv("name", created.record().name()),
                    kv("owner", created.record().owner()));
            keyChanged("api-key.created", created.record().id(), ctx);
            ctx.response().putHeader("Location", "/admin/api-keys/" + created.record().id());
            return new AdminCalls.Answer(201, shownOnce(created));
        });
    }

    /** Credential changes are security events: the audit log and the detector consume them. */
    private void keyChanged(String type, String keyId, RoutingContext ctx) {
        gateway.events().publish(new SecurityEvent(Instant.now(), type, SecurityEvent.Severity.INFO, "admin", null,
                ctx.get("request_id"), null, ctx.request().remoteAddress().hostAddress(), "admin",
                Map.of("key_id", keyId)));
    }

    void list(RoutingContext ctx) {
        calls.blocking(ctx, () -> gateway.apiKeys().list(), all -> {
            JsonArray keys = new JsonArray();
            all.forEach(r -> keys.add(json(r)));
            return new AdminCalls.Answer(200, new JsonObject().put("api_keys", keys));
        });
    }

    void revoke(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        calls.blocking(ctx, () -> {
            gateway.apiKeys().revoke(id);
            return gateway.apiKeys().get(id).orElseThrow();
        }, r -> {
            log.info("api key revoked", kv("key_id", id));
            keyChanged("api-key.revoked", id, ctx);
            return new AdminCalls.Answer(200, json(r));
        });
    }

    void rotate(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Duration grace;
        try {
            String text = string(body(ctx, false, EXAMPLE), "grace");
            grace = text == null ? DEFAULT_ROTATION_GRACE : Durations.parse(text);
        } catch (IllegalArgumentException e) {
            calls.badRequest(ctx, e);
            return;
        }
        calls.blocking(ctx, () -> gateway.apiKeys().rotate(id, grace), created -> {
            log.info("api key rotated", kv("key_id", id), kv("grace", Durations.format(grace)));
            keyChanged("api-key.rotated", id, ctx);
            return new AdminCalls.Answer(200, shownOnce(created));
        });
    }

    private static JsonObject shownOnce(CreatedApiKey created) {
        return json(created.record()).put("key", created.plaintextKeyShownOnce())
                .put("key_notice", "Store the key now: it is shown only this once and cannot be retrieved.");
    }

    /** A key's metadata: never a hash, never the key. */
    static JsonObject json(ApiKeyRecord r) {
        return new JsonObject()
                .put("id", r.id())
                .put("name", r.name())
                .put("owner", r.owner())
                .put("roles", new JsonArray(new ArrayList<>(new java.util.TreeSet<>(r.roles()))))
                .put("scopes", new JsonArray(new ArrayList<>(new java.util.TreeSet<>(r.scopes()))))
                .put("allowed_cidrs", new JsonArray(r.allowedCidrs().blocks()))
                .put("plan", r.plan())
                .put("enabled", r.enabled())
                .put("revoked", r.revokedAt() != null)
                .put("created_at", time(r.createdAt()))
                .put("expires_at", time(r.expiresAt()))
                .put("last_used_at", time(r.lastUsedAt()))
                .put("previous_secret_valid_until", time(r.previousSecretValidUntil()))
                .put("revoked_at", time(r.revokedAt()));
    }
}
