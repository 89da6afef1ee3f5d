package dev.rampart.gateway.admin;

import static dev.rampart.gateway.admin.AdminCalls.body;
import static dev.rampart.gateway.admin.AdminCalls.string;
import static dev.rampart.gateway.admin.AdminCalls.strings;

import dev.rampart.auth.session.IssuedSession;
import dev.rampart.auth.user.NewUser;
import dev.rampart.auth.user.TotpEnrolmentStart;
import dev.rampart.auth.user.UserRecord;
import dev.rampart.auth.user.Users;
import dev.rampart.core.SecurityEvent;
import dev.rampart.gateway.console.ConsoleLogin;
import dev.rampart.gateway.server.Gateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

/**
 * The admin API's {@code /admin/users} endpoints: create, list, disable, enable, set a password or
 * the roles, unlock, delete, TOTP enrolment and new recovery codes. A path's {@code :id} is the
 * user's name (ignoring case) or id. Every store call runs on a worker thread (Argon2id costs about a
 * quarter second). Every change is a {@code user.*} security event, for the audit log and the detector.
 *
 * <p>Sessions follow the README of rampart-auth: a new password, new roles, TOTP turned on or off
 * and a disabled account end every session of the user (OWASP: renew the session on a privilege
 * change); when callers make such a change to their own account, their session is replaced by a
 * fresh one (new id, new CSRF token) instead, so the console stays logged in while a stolen cookie
 * does not.
 */
final class UsersAdmin {

    private static final String EXAMPLE = "{\"username\": \"alice\", \"email\": \"alice@example.com\", "
            + "\"roles\": [\"admin\"], \"password\": \"…\"}";

    private static final String ROLES_EXAMPLE = "{\"roles\": [\"admin\", \"auditor\"]}";

    /** Where a worker leaves the caller's renewed session for the answer. */
    private static final String RENEWED = "console_renewed_session";
    /** Where a worker leaves, for the change's event: sessions ended, the user, further details. */
    private static final String SESSIONS_ENDED = "users_sessions_ended";
    private static final String USER = "users_changed_user";
    private static final String DETAILS = "users_event_details";

    private final Gateway gateway;
    private final AdminCalls calls;

    UsersAdmin(Gateway gateway, AdminApi.Problems problems) {
        this.gateway = gateway;
        this.calls = new AdminCalls(gateway.vertx(), problems, "user-not-found", "user-conflict", "user");
    }

    private ConsoleLogin console() {
        return gateway.consoleLogin();
    }

    private Users users() {
        return console().users();
    }

    void create(RoutingContext ctx) {
        NewUser request;
        try {
            JsonObject body = body(ctx, true, EXAMPLE);
            String password = string(body, "password");
            if (string(body, "username") == null || password == null) {
                throw new IllegalArgumentException("username and password are required, e.g. " + EXAMPLE);
            }
            request = new NewUser(string(body, "username"), Optional.ofNullable(string(body, "email")),
                    strings(body, "roles"), password);
        } catch (IllegalArgumentException | NullPointerException e) {
            calls.badRequest(ctx, e);
            return;
        }
        calls.blocking(ctx, () -> users().create(request), u -> {
            changed(ctx, "user.created", u, Map.of("roles", String.join(",", sortedRoles(u))));
            return new AdminCalls.Answer(201, toJson(u));
        });
    }

    /** Every user, with how many unused recovery codes each has left. */
    void list(RoutingContext ctx) {
        record Listing(List<UserRecord> users, Map<String, Integer> recoveryCodes) {
        }
        calls.blocking(ctx, () -> new Listing(users().list(), users().remainingRecoveryCodes()), listing -> {
            JsonArray out = new JsonArray();
            listing.users().forEach(u -> out.add(toJson(u)
                    .put("recovery_codes_remaining", listing.recoveryCodes().getOrDefault(u.id(), 0))));
            return new AdminCalls.Answer(200, new JsonObject().put("users", out));
        });
    }

    void disable(RoutingContext ctx) {
        onUser(ctx, "user.disabled", u -> {
            users().disable(u.id());
            ended(ctx, console().sessions().invalidateAll(u.id()));
            return users().get(u.id()).orElseThrow();
        });
    }

    void enable(RoutingContext ctx) {
        onUser(ctx, "user.enabled", u -> {
            users().enable(u.id());
            return users().get(u.id()).orElseThrow();
        });
    }

    void unlock(RoutingContext ctx) {
        onUser(ctx, "user.unlocked", u -> {
            console().unlock(u.username());
            return u;
        });
    }

    /**
     * {@code PUT /admin/users/:id/roles} with {@code {"roles": [...]}}: replaces the roles and ends
     * the user's sessions, so none keeps the old privileges; the caller's own session is renewed.
     */
    void roles(RoutingContext ctx) {
        Set<String> roles;
        try {
            JsonObject body = body(ctx, true, ROLES_EXAMPLE);
            if (!(body.getValue("roles") instanceof JsonArray)) {
                throw new IllegalArgumentException("roles is required: an array of role names, e.g. " + ROLES_EXAMPLE);
            }
            roles = strings(body, "roles");
        } catch (IllegalArgumentException e) {
            calls.badRequest(ctx, e);
            return;
        }
        onUser(ctx, "user.roles-changed", u -> {
            users().setRoles(u.id(), roles);
            endSessions(ctx, u);
            UserRecord after = users().get(u.id()).orElseThrow();
            ctx.put(DETAILS, Map.of("roles_before", String.join(",", sortedRoles(u)),
                    "roles", String.join(",", sortedRoles(after))));
            return after;
        });
    }

    /**
     * {@code POST /admin/users/:id/recovery-codes}: new recovery codes for a user with TOTP, in this
     * answer only; the unused old ones stop working at once.
     */
    void recoveryCodes(RoutingContext ctx) {
        calls.blocking(ctx, () -> {
            UserRecord u = find(ctx);
            ctx.put(USER, u);
            return users().regenerateRecoveryCodes(u.id());
        }, codes -> {
            changed(ctx, "user.recovery-codes-regenerated", ctx.get(USER), Map.of("recovery_codes", Integer.toString(codes.size())));
            return new AdminCalls.Answer(200, recoveryCodesJson(codes));
        });
    }

    static JsonObject recoveryCodesJson(List<String> codes) {
        return new JsonObject().put("recovery_codes", new JsonArray(codes)).put("recovery_codes_remaining", codes.size());
    }

    void password(RoutingContext ctx) {
        String password;
        try {
            password = string(body(ctx, true, "{\"password\": \"…\"}"), "password");
            if (password == null) {
                throw new IllegalArgumentException("password is required, e.g. {\"password\": \"…\"}");
            }
        } catch (IllegalArgumentException e) {
            calls.badRequest(ctx, e);
            return;
        }
        onUser(ctx, "user.password-changed", u -> {
            users().changePassword(u.id(), password);
            endSessions(ctx, u);
            return users().get(u.id()).orElseThrow();
        });
    }

    void delete(RoutingContext ctx) {
        calls.blocking(ctx, () -> {
            UserRecord u = find(ctx);
            users().delete(u.id());
            return u;
        }, u -> {
            changed(ctx, "user.deleted", u, Map.of());
            return new AdminCalls.Answer(200, new JsonObject().put("deleted", u.username()));
        });
    }

    /** Starts (or restarts) TOTP enrolment: the secret is pending until {@code /totp/confirm}. */
    void startTotp(RoutingContext ctx) {
        calls.blocking(ctx, () -> {
            UserRecord u = find(ctx);
            return users().startTotpEnrolment(u.id(), ConsoleLogin.TOTP_ISSUER);
        }, (TotpEnrolmentStart s) -> new AdminCalls.Answer(200, new JsonObject()
                .put("otpauth_uri", s.otpauthUri())
                .put("qr_code_png", Base64.getEncoder().encodeToString(s.qrCodePng()))
                .put("manual_entry_secret", s.manualEntrySecret())));
    }

    /** Confirms enrolment with a first code; the recovery codes are in this answer only. */
    void confirmTotp(RoutingContext ctx) {
        String code;
        try {
            code = string(body(ctx, true, "{\"code\": \"123456\"}"), "code");
            if (code == null) {
                throw new IllegalArgumentException("code is required, e.g. {\"code\": \"123456\"}");
            }
        } catch (IllegalArgumentException e) {
            calls.badRequest(ctx, e);
            return;
        }
        calls.blocking(ctx, () -> {
            UserRecord u = find(ctx);
            List<String> recovery = users().confirmTotp(u.id(), code);
            ctx.put(USER, u);
            endSessions(ctx, u);
            return recovery;
        }, recovery -> {
            changed(ctx, "user.totp-enabled", ctx.get(USER), Map.of());
            return withRenewal(ctx, new AdminCalls.Answer(200, new JsonObject().put("totp_enabled", true)
                    .put("recovery_codes", new JsonArray(recovery))));
        });
    }

    void disableTotp(RoutingContext ctx) {
        onUser(ctx, "user.totp-disabled", u -> {
            users().disableTotp(u.id());
            endSessions(ctx, u);
            return users().get(u.id()).orElseThrow();
        });
    }

    /** The user JSON of the admin API and the session answer: never a hash or secret. */
    static JsonObject toJson(UserRecord u) {
        return new JsonObject()
                .put("id", u.id())
                .put("username", u.username())
                .put("email", u.email().orElse(null))
                .put("roles", ConsoleSessionsAdmin.sorted(u.roles()))
                .put("enabled", u.enabled())
                .put("totp_enabled", u.totpEnabled())
                .put("created_at", u.createdAt().toString())
                .put("password_changed_at", u.passwordChangedAt().toString());
    }

    @FunctionalInterface
    private interface UserChange {
        UserRecord apply(UserRecord user);
    }

    /** Runs {@code change} on the path's user on a worker; on success emits {@code event} and answers the user. */
    private void onUser(RoutingContext ctx, String event, UserChange change) {
        calls.blocking(ctx, () -> change.apply(find(ctx)), u -> {
            Map<String, String> details = ctx.get(DETAILS);
            changed(ctx, event, u, details == null ? Map.of() : details);
            return withRenewal(ctx, new AdminCalls.Answer(200, toJson(u)));
        });
    }

    /** Notes how many sessions a change ended, for its event. */
    private static void ended(RoutingContext ctx, int sessions) {
        ctx.put(SESSIONS_ENDED, sessions);
    }

    /**
     * A change to a user account is a security event, as for API keys: the actor is the admin token
     * ({@code admin}) or the id of the user whose session made the call.
     */
    private void changed(RoutingContext ctx, String type, UserRecord user, Map<String, String> extra) {
        UserRecord caller = ctx.get(ConsoleSessionsAdmin.SESSION_USER);
        Map<String, String> details = new LinkedHashMap<>(extra);
        details.put("user_id", user.id());
        details.put("username", user.username());
        details.put("actor", caller == null ? "admin" : caller.id());
        Integer sessions = ctx.get(SESSIONS_ENDED);
        if (sessions != null) {
            details.put("sessions_ended", sessions.toString());
            details.put("own_session_renewed", Boolean.toString(ctx.get(RENEWED) != null));
        }
        gateway.events().publish(new SecurityEvent(Instant.now(), type, SecurityEvent.Severity.INFO, "admin", null,
                ctx.get("request_id"), null, ctx.request().remoteAddress().hostAddress(),
                caller == null ? "admin" : caller.id(), details));
    }

    private static List<String> sortedRoles(UserRecord u) {
        return u.roles().stream().sorted().toList();
    }

    private UserRecord find(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        return users().findByUsername(id).or(() -> users().get(id))
                .orElseThrow(() -> new NoSuchElementException("no user " + id));
    }

    /**
     * Ends every session of {@code user} after a privilege change. When the caller is logged in as
     * {@code user}, their session is rotated instead (new id and CSRF token, same login time, so the
     * absolute timeout still counts from the login) and carries the account as it is now. On a worker.
     */
    private void endSessions(RoutingContext ctx, UserRecord user) {
        UserRecord caller = ctx.get(ConsoleSessionsAdmin.SESSION_USER);
        if (caller == null || !caller.id().equals(user.id())) {
            ended(ctx, console().sessions().invalidateAll(user.id()));
            return;
        }
        IssuedSession fresh = console().sessions().rotate(ctx.get(ConsoleSessionsAdmin.SESSION_ID));
        ctx.put(RENEWED, fresh);
        ended(ctx, 1 + console().sessions().invalidateAllExcept(user.id(), fresh.id()));
    }

    /** Sends the renewed session's cookie and CSRF token, on the event loop. */
    private AdminCalls.Answer withRenewal(RoutingContext ctx, AdminCalls.Answer answer) {
        IssuedSession fresh = ctx.get(RENEWED);
        if (fresh != null) {
            ctx.response().putHeader("Set-Cookie", console().cookie().setCookie(fresh.id()));
            ctx.response().putHeader(dev.rampart.auth.session.CsrfTokens.HEADER, console().csrf().tokenFor(fresh.id()));
        }
        return answer;
    }
}
