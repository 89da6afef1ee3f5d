package dev.rampart.gateway.admin;

import static dev.rampart.gateway.admin.AdminCalls.body;
import static dev.rampart.gateway.admin.AdminCalls.string;
import static dev.rampart.gateway.admin.AdminCalls.strings;

import dev.rampart.auth.session.IssuedSession;
import dev.rampart.auth.user.NewUser;
import dev.rampart.auth.user.TotpEnrolmentStart;
import dev.rampart.auth.user.UserRecord;
import dev.rampart.auth.user.Users;
import dev.rampart.gateway.console.ConsoleLogin;
import dev.rampart.gateway.server.Gateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Base64;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The admin API's {@code /admin/users} endpoints: create, list, disable, enable, set a password,
 * unlock, delete, and TOTP enrolment. A path's {@code :id} is the user's name (ignoring case) or id.
 * Every store call runs on a worker thread (Argon2id costs about a quarter second).
 *
 * <p>Sessions follow the README of rampart-auth: a new password and a disabled account end every
 * session of the user; when callers change their own password or confirm their own TOTP, their
 * session is replaced by a fresh one (new id, new CSRF token) instead, so the console stays logged
 * in while a stolen cookie does not.
 */
final class UsersAdmin {

    private static final String EXAMPLE = "{\"username\": \"alice\", \"email\": \"alice@example.com\", "
            + "\"roles\": [\"admin\"], \"password\": \"…\"}";

    /** Where a worker leaves the caller's renewed session for the answer. */
    private static final String RENEWED = "console_renewed_session";

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
        calls.blocking(ctx, () -> users().create(request), u -> new AdminCalls.Answer(201, toJson(u)));
    }

    void list(RoutingContext ctx) {
        calls.blocking(ctx, () -> users().list(), list -> {
            JsonArray out = new JsonArray();
            list.forEach(u -> out.add(toJson(u)));
            return new AdminCalls.Answer(200, new JsonObject().put("users", out));
        });
    }

    void disable(RoutingContext ctx) {
        onUser(ctx, u -> {
            users().disable(u.id());
            console().sessions().invalidateAll(u.id());
            return users().get(u.id()).orElseThrow();
        });
    }

    void enable(RoutingContext ctx) {
        onUser(ctx, u -> {
            users().enable(u.id());
            return users().get(u.id()).orElseThrow();
        });
    }

    void unlock(RoutingContext ctx) {
        onUser(ctx, u -> {
            console().unlock(u.username());
            return u;
        });
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
        onUser(ctx, u -> {
            users().changePassword(u.id(), password);
            console().sessions().invalidateAll(u.id());
            renewOwnSession(ctx, u);
            return users().get(u.id()).orElseThrow();
        });
    }

    void delete(RoutingContext ctx) {
        calls.blocking(ctx, () -> {
            UserRecord u = find(ctx);
            users().delete(u.id());
            return u;
        }, u -> new AdminCalls.Answer(200, new JsonObject().put("deleted", u.username())));
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
            renewOwnSession(ctx, u);
            return recovery;
        }, recovery -> withRenewal(ctx, new AdminCalls.Answer(200, new JsonObject().put("totp_enabled", true)
                .put("recovery_codes", new JsonArray(recovery)))));
    }

    void disableTotp(RoutingContext ctx) {
        onUser(ctx, u -> {
            users().disableTotp(u.id());
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

    private void onUser(RoutingContext ctx, UserChange change) {
        calls.blocking(ctx, () -> change.apply(find(ctx)), u -> withRenewal(ctx, new AdminCalls.Answer(200, toJson(u))));
    }

    private UserRecord find(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        return users().findByUsername(id).or(() -> users().get(id))
                .orElseThrow(() -> new NoSuchElementException("no user " + id));
    }

    /**
     * When the caller is logged in as {@code user}, gives them a new session (their old one was
     * ended or is now of a stronger login): new id and CSRF token, on a worker thread.
     */
    private void renewOwnSession(RoutingContext ctx, UserRecord user) {
        UserRecord caller = ctx.get(ConsoleSessionsAdmin.SESSION_USER);
        if (caller == null || !caller.id().equals(user.id())) {
            return;
        }
        String old = ctx.get(ConsoleSessionsAdmin.SESSION_ID);
        ctx.put(RENEWED, console().sessions().create(user.id(), old));
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
