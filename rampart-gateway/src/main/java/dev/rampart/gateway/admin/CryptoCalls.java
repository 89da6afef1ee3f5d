package dev.rampart.gateway.admin;

import dev.rampart.crypto.Crypto;
import dev.rampart.crypto.CryptoException;
import dev.rampart.gateway.crypto.GatewayCrypto;
import dev.rampart.gateway.server.Gateway;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Base64;
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
