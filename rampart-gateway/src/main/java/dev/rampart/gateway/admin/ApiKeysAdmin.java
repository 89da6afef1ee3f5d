package dev.rampart.gateway.admin;

import static net.logstash.logback.argument.StructuredArguments.kv;

import dev.rampart.auth.apikey.ApiKeyRecord;
import dev.rampart.auth.apikey.CreatedApiKey;
import dev.rampart.auth.apikey.NewApiKey;
import dev.rampart.core.SecurityEvent;
import dev.rampart.core.config.Durations;
import dev.rampart.gateway.server.Gateway;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
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

    private final Gateway gateway;
    private final AdminApi.Problems problems;

    ApiKeysAdmin(Gateway gateway, AdminApi.Problems problems) {
        this.gateway = gateway;
        this.problems = problems;
    }

    void create(RoutingContext ctx) {
        NewApiKey request;
        try {
            JsonObject body = body(ctx, true);
            String expiresIn = string(body, "expires_in");
            request = new NewApiKey(string(body, "name"), string(body, "owner"), strings(body, "roles"),
                    strings(body, "scopes"), List.copyOf(strings(body, "allowed_cidrs")),
                    expiresIn == null ? null : Durations.parse(expiresIn));
        } catch (IllegalArgumentException | NullPointerException e) {
            problems.send(ctx, 400, "invalid-request", message(e));
            return;
        }
        blocking(ctx, () -> gateway.apiKeys().create(request), created -> {
            log.info("api key created", kv("key_id", created.record().id()), kv("name", created.record().name()),
                    kv("owner", created.record().owner()));
            keyChanged("api-key.created", created.record().id(), ctx);
            ctx.response().putHeader("Location", "/admin/api-keys/" + created.record().id());
            return new Answer(201, shownOnce(created));
        });
    }

    /** Credential changes are security events: the audit log and the detector consume them. */
    private void keyChanged(String type, String keyId, RoutingContext ctx) {
        gateway.events().publish(new SecurityEvent(Instant.now(), type, SecurityEvent.Severity.INFO, "admin", null,
                ctx.get("request_id"), null, ctx.request().remoteAddress().hostAddress(), "admin",
                Map.of("key_id", keyId)));
    }

    void list(RoutingContext ctx) {
        blocking(ctx, () -> gateway.apiKeys().list(), all -> {
            JsonArray keys = new JsonArray();
            all.forEach(r -> keys.add(json(r)));
            return new Answer(200, new JsonObject().put("api_keys", keys));
        });
    }

    void revoke(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        blocking(ctx, () -> {
            gateway.apiKeys().revoke(id);
            return gateway.apiKeys().get(id).orElseThrow();
        }, r -> {
            log.info("api key revoked", kv("key_id", id));
            keyChanged("api-key.revoked", id, ctx);
            return new Answer(200, json(r));
        });
    }

    void rotate(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Duration grace;
        try {
            String text = string(body(ctx, false), "grace");
            grace = text == null ? DEFAULT_ROTATION_GRACE : Durations.parse(text);
        } catch (IllegalArgumentException e) {
            problems.send(ctx, 400, "invalid-request", message(e));
            return;
        }
        blocking(ctx, () -> gateway.apiKeys().rotate(id, grace), created -> {
            log.info("api key rotated", kv("key_id", id), kv("grace", Durations.format(grace)));
            keyChanged("api-key.rotated", id, ctx);
            return new Answer(200, shownOnce(created));
        });
    }

    private record Answer(int status, JsonObject body) {
    }

    private <T> void blocking(RoutingContext ctx, Callable<T> call, Function<T, Answer> answer) {
        gateway.vertx().executeBlocking(call, false).onComplete(ar -> {
            if (ar.succeeded()) {
                Answer a = answer.apply(ar.result());
                ctx.response().setStatusCode(a.status()).putHeader("Content-Type", "application/json")
                        .end(a.body().encode());
            } else if (ar.cause() instanceof NoSuchElementException) {
                problems.send(ctx, 404, "api-key-not-found", "No API key with id '" + ctx.pathParam("id") + "'.");
            } else if (ar.cause() instanceof IllegalStateException e) {
                problems.send(ctx, 409, "api-key-revoked", message(e));
            } else if (ar.cause() instanceof IllegalArgumentException e) {
                problems.send(ctx, 400, "invalid-request", message(e));
            } else {
                ctx.fail(ar.cause());
            }
        });
    }

    private static JsonObject body(RoutingContext ctx, boolean required) {
        if (ctx.body() == null || ctx.body().length() == 0) {
            if (required) {
                throw new IllegalArgumentException("send a JSON object, e.g. {\"name\": \"ci-deploy\", "
                        + "\"owner\": \"team-payments\", \"expires_in\": \"90d\"}");
            }
            return new JsonObject();
        }
        try {
            JsonObject o = ctx.body().asJsonObject();
            return o == null ? new JsonObject() : o;
        } catch (DecodeException | ClassCastException e) {
            throw new IllegalArgumentException("the body is not a JSON object");
        }
    }

    private static String string(JsonObject body, String field) {
        Object v = body.getValue(field);
        if (v != null && !(v instanceof String)) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return (String) v;
    }

    private static Set<String> strings(JsonObject body, String field) {
        Object v = body.getValue(field);
        if (v == null) {
            return Set.of();
        }
        if (!(v instanceof JsonArray array)) {
            throw new IllegalArgumentException(field + " must be an array of strings");
        }
        Set<String> out = new LinkedHashSet<>();
        for (Object o : array) {
            if (!(o instanceof String s)) {
                throw new IllegalArgumentException(field + " must be an array of strings");
            }
            out.add(s);
        }
        return out;
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
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
                .put("enabled", r.enabled())
                .put("revoked", r.revokedAt() != null)
                .put("created_at", time(r.createdAt()))
                .put("expires_at", time(r.expiresAt()))
                .put("last_used_at", time(r.lastUsedAt()))
                .put("previous_secret_valid_until", time(r.previousSecretValidUntil()))
                .put("revoked_at", time(r.revokedAt()));
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
