package dev.rampart.gateway.admin;

import dev.rampart.auth.user.PasswordRejectedException;
import dev.rampart.gateway.http.Problem;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * What the credential endpoints of the admin API share: reading JSON request bodies with messages
 * that say what is wrong, and running a store call on a worker thread with its failures mapped to
 * problem+json — unknown id 404, a state that forbids the change 409, bad input 400.
 */
final class AdminCalls {

    /** A JSON answer. */
    record Answer(int status, JsonObject body) {
    }

    private final Vertx vertx;
    private final AdminApi.Problems problems;
    private final String notFoundCode;
    private final String conflictCode;
    private final String what;

    /**
     * @param notFoundCode problem code when the path's {@code :id} names nothing, e.g. {@code api-key-not-found}
     * @param conflictCode problem code when the item's state forbids the change, e.g. {@code api-key-revoked}
     * @param what what an id names, for the 404 message, e.g. {@code "API key"}
     */
    AdminCalls(Vertx vertx, AdminApi.Problems problems, String notFoundCode, String conflictCode, String what) {
        this.vertx = vertx;
        this.problems = problems;
        this.notFoundCode = notFoundCode;
        this.conflictCode = conflictCode;
        this.what = what;
    }

    /** Runs {@code call} on a worker thread and answers with what {@code answer} makes of its result. */
    <T> void blocking(RoutingContext ctx, Callable<T> call, Function<T, Answer> answer) {
        vertx.executeBlocking(call, false).onComplete(ar -> {
            if (ar.succeeded()) {
                Answer a = answer.apply(ar.result());
                ctx.response().setStatusCode(a.status()).putHeader("Content-Type", "application/json")
                        .end(a.body().encode());
            } else if (ar.cause() instanceof NoSuchElementException) {
                problems.send(ctx, 404, notFoundCode, "No " + what + " with id '" + ctx.pathParam("id") + "'.");
            } else if (ar.cause() instanceof PasswordRejectedException e) {
                passwordRejected(ctx, e);
            } else if (ar.cause() instanceof IllegalStateException e) {
                problems.send(ctx, 409, conflictCode, message(e));
            } else if (ar.cause() instanceof IllegalArgumentException e) {
                problems.send(ctx, 400, "invalid-request", message(e));
            } else {
                ctx.fail(ar.cause());
            }
        });
    }

    /** 400 with one {@code errors} entry per broken password rule: its stable code and what to do. */
    static void passwordRejected(RoutingContext ctx, PasswordRejectedException e) {
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        List<Map<String, String>> errors = e.violations().stream()
                .map(v -> {
                    Map<String, String> entry = new LinkedHashMap<>();
                    entry.put("code", v.code());
                    entry.put("message", v.message());
                    return entry;
                }).toList();
        ctx.response().setStatusCode(400).putHeader("Content-Type", Problem.CONTENT_TYPE)
                .end(new Problem(400, "password-rejected", message(e), ctx.get("request_id"), errors).toJson());
    }

    void badRequest(RoutingContext ctx, Exception e) {
        problems.send(ctx, 400, "invalid-request", message(e));
    }

    /**
     * The request's JSON object; an empty object for an absent body unless {@code required}.
     *
     * @param example what a valid body looks like, for the message when one is required and absent
     */
    static JsonObject body(RoutingContext ctx, boolean required, String example) {
        if (ctx.body() == null || ctx.body().length() == 0) {
            if (required) {
                throw new IllegalArgumentException("send a JSON object, e.g. " + example);
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

    static String string(JsonObject body, String field) {
        Object v = body.getValue(field);
        if (v != null && !(v instanceof String)) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return (String) v;
    }

    static Set<String> strings(JsonObject body, String field) {
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

    static String message(Exception e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
