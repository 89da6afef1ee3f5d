package dev.rampart.gateway.admin;

import dev.rampart.core.Principal;
import dev.rampart.core.SecurityEvent;
import dev.rampart.crypto.Crypto;
import dev.rampart.crypto.CryptoException;
import dev.rampart.gateway.crypto.CryptoAuthorizer;
import dev.rampart.gateway.crypto.GatewayCrypto;
import dev.rampart.gateway.server.Gateway;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * What the transit and secrets endpoints share: the 503 while the gateway has no master key, the
 * store and crypto work on a worker thread, and the mapping of {@link CryptoException} reasons to
 * statuses, its stable code as the problem code and its message (which never holds plaintext,
 * keys or secret values) as the detail.
 */
final class CryptoCalls {

    /** One operation on the crypto service; runs on a worker thread. */
    @FunctionalInterface
    interface Operation {
        JsonObject run(Crypto crypto, JsonObject body);
    }

    /** Where {@link CryptoCallers} leaves an application's principal on the routing context. */
    static final String CALLER = "crypto_caller";

    private final Gateway gateway;
    private final AdminApi.Problems problems;

    CryptoCalls(Gateway gateway, AdminApi.Problems problems) {
        this.gateway = gateway;
        this.problems = problems;
    }

    /** Reads the JSON body, runs {@code operation} on a worker thread, answers {@code status} with its result. */
    void call(RoutingContext ctx, int status, Operation operation) {
        Optional<Crypto> crypto = gateway.crypto().available();
        if (crypto.isEmpty()) {
            problems.send(ctx, 503, "crypto-unavailable", GatewayCrypto.HOW_TO_CONFIGURE);
            return;
        }
        JsonObject body;
        try {
            body = body(ctx);
        } catch (IllegalArgumentException e) {
            problems.send(ctx, 400, "invalid-request", e.getMessage());
            return;
        }
        gateway.vertx().executeBlocking(() -> operation.run(crypto.get(), body), false).onComplete(ar -> {
            if (ar.succeeded()) {
                if (ar.result() == null) {
                    ctx.response().setStatusCode(204).end();
                } else {
                    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                            .end(ar.result().encode());
                }
            } else if (ar.cause() instanceof CryptoException e) {
                problems.send(ctx, statusOf(e.reason()), e.code(), e.getMessage());
            } else if (ar.cause() instanceof IllegalArgumentException e) {
                problems.send(ctx, 400, "invalid-request", AdminCalls.message(e));
            } else {
                ctx.fail(ar.cause());
            }
        });
    }

    /**
     * Who makes this call: the application whose API key or token {@link CryptoCallers} accepted, or
     * else the admin (the admin token or an admin console session, checked by {@link AdminApi}).
     */
    static Principal caller(RoutingContext ctx) {
        Principal application = ctx.get(CALLER);
        return application == null ? CryptoAuthorizer.ADMIN : application;
    }

    /**
     * Checks {@code secrets:<operation>:<path>} for the caller. The secrets store has no callers of
     * its own (the gateway's config references read it too), so the endpoints ask here, before any
     * work; a denial is a {@code crypto.secrets.<operation>} event (an audit entry) naming the
     * permission, and 403 with the same words.
     *
     * @throws CryptoException {@link CryptoException.Reason#DENIED}
     * @throws IllegalArgumentException when the path cannot be a secret path (400)
     */
    void requireSecretsPermission(RoutingContext ctx, Principal caller, String operation, String path) {
        if (!permitsSecrets(caller, operation, path)) {
            String permission = secretsPermission(operation, path);
            gateway.events().publish(new SecurityEvent(Instant.now(), "crypto.secrets." + operation,
                    SecurityEvent.Severity.MEDIUM, "secrets", "denied", ctx.get("request_id"), null,
                    ctx.request().remoteAddress().hostAddress(), caller.id(),
                    Map.of("path", path, "permission", permission)));
            throw new CryptoException(CryptoException.Reason.DENIED, "principal '" + caller.id()
                    + "' lacks the permission " + permission);
        }
    }

    /** Whether the caller holds {@code secrets:<operation>:<path>}; no event (for filtering a listing). */
    boolean permitsSecrets(Principal caller, String operation, String path) {
        return gateway.crypto().authorizer().permits(caller, secretsPermission(operation, path));
    }

    private static String secretsPermission(String operation, String path) {
        if (path.isEmpty() || path.startsWith("/") || path.endsWith("/") || path.contains("//")) {
            throw new IllegalArgumentException("'" + path + "' is not a secret path; write segments of letters, digits, "
                    + "'.', '_' or '-' joined by '/', e.g. apps/orders/db");
        }
        return "secrets:" + operation + ":" + path;
    }

    /** The HTTP status of a failed operation, as Vault answers the same failures. */
    static int statusOf(CryptoException.Reason reason) {
        return switch (reason) {
            case KEY_NOT_FOUND, SECRET_NOT_FOUND -> 404;
            case KEY_EXISTS, DELETION_NOT_ALLOWED, CAS_MISMATCH -> 409;
            case DENIED -> 403;
            case MASTER_KEY_MISSING, MASTER_KEY_WRONG -> 503;
            case INVALID_INPUT, UNSUPPORTED_OPERATION, VERSION_NOT_ALLOWED, DECRYPTION_FAILED -> 400;
            case IO -> 500;
        };
    }

    private static JsonObject body(RoutingContext ctx) {
        if (ctx.body() == null || ctx.body().length() == 0) {
            return new JsonObject();
        }
        try {
            JsonObject o = ctx.body().asJsonObject();
            return o == null ? new JsonObject() : o;
        } catch (DecodeException | ClassCastException e) {
            throw new IllegalArgumentException("the body is not a JSON object");
        }
    }

    /** A required base64 field, decoded. */
    static byte[] base64(JsonObject body, String field) {
        byte[] value = optionalBase64(body, field);
        if (value == null) {
            throw new IllegalArgumentException(field + " is required (base64)");
        }
        return value;
    }

    /** An optional base64 field, decoded; null when absent. */
    static byte[] optionalBase64(JsonObject body, String field) {
        String text = AdminCalls.string(body, field);
        if (text == null) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " is not base64 (RFC 4648 §4, with padding)");
        }
    }

    static String requiredString(JsonObject body, String field) {
        String value = AdminCalls.string(body, field);
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    /** An optional whole number; {@code otherwise} when absent. */
    static int integer(JsonObject body, String field, int otherwise) {
        Object v = body.getValue(field);
        if (v == null) {
            return otherwise;
        }
        if (!(v instanceof Number n) || n.doubleValue() != n.intValue()) {
            throw new IllegalArgumentException(field + " must be a whole number");
        }
        return n.intValue();
    }

    static String encode(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
