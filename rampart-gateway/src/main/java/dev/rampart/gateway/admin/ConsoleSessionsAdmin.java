package dev.rampart.gateway.admin;

import static dev.rampart.gateway.admin.AdminCalls.body;
import static dev.rampart.gateway.admin.AdminCalls.string;
import static net.logstash.logback.argument.StructuredArguments.kv;

import dev.rampart.auth.session.ActiveSession;
import dev.rampart.auth.session.CrossSiteCheck;
import dev.rampart.auth.session.CsrfTokens;
import dev.rampart.auth.session.IssuedSession;
import dev.rampart.auth.user.LoginAttempt;
import dev.rampart.auth.user.LoginResult;
import dev.rampart.auth.user.UserRecord;
import dev.rampart.core.Principal;
import dev.rampart.core.SecurityEvent;
import dev.rampart.gateway.console.ConsoleLogin;
import dev.rampart.gateway.server.Gateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Console logins on the admin listener: {@code POST /admin/login}, {@code POST /admin/logout},
 * {@code GET /admin/session}, and the session check that lets an enabled user with the
 * {@value ConsoleLogin#ADMIN_ROLE} role call the admin API with the session cookie instead of the
 * admin token. With the cookie, an unsafe method also needs the {@code X-CSRF-Token} header and a
 * request that is not cross-site ({@link CrossSiteCheck}); a browser attaches cookies on its own,
 * the token only a page of the console can read.
 *
 * <p>The cookie is {@code __Host-rampart-session; Secure}: browsers keep it on https and on
 * http://localhost (Chrome and Firefox treat loopback as a secure context), which is where the admin
 * listener binds by default. Serving the console on another host needs TLS in front of it.
 */
final class ConsoleSessionsAdmin {

    private static final Logger log = LoggerFactory.getLogger(ConsoleSessionsAdmin.class);
    private static final String EXAMPLE = "{\"username\": \"alice\", \"password\": \"…\", \"code\": \"123456\"}";
    private static final String REAUTH_EXAMPLE = "{\"password\": \"…\"} or {\"code\": \"123456\"}";
    /** Where the session check leaves the session id and the user, for handlers that act on them. */
    static final String SESSION_ID = "console_session_id";
    static final String SESSION_USER = "console_user";
    static final String SESSION = "console_session";

    /** A login's outcome; on success its new session and the user. */
    private record LoginDone(LoginResult result, IssuedSession session, UserRecord user) {
    }

    /** A live session and its user, as stored now. */
    private record LiveSession(ActiveSession session, UserRecord user) {
    }

    private final Gateway gateway;
    private final AdminApi.Problems problems;

    ConsoleSessionsAdmin(Gateway gateway, AdminApi.Problems problems) {
        this.gateway = gateway;
        this.problems = problems;
    }

    private ConsoleLogin console() {
        return gateway.consoleLogin();
    }

    /** Whether the request carries a session cookie (and so is checked as a session, not by token). */
    boolean presentsSession(RoutingContext ctx) {
        return console().cookie().read(ctx.request().getHeader("Cookie")).isPresent();
    }

    void login(RoutingContext ctx) {
        LoginAttempt attempt;
        try {
            JsonObject body = body(ctx, true, EXAMPLE);
            String username = string(body, "username");
            String password = string(body, "password");
            if (username == null || password == null) {
                throw new IllegalArgumentException("username and password are required, e.g. " + EXAMPLE);
            }
            attempt = new LoginAttempt(username, password, Optional.ofNullable(string(body, "code")),
                    ctx.request().remoteAddress().hostAddress());
        } catch (IllegalArgumentException e) {
            problems.send(ctx, 400, "invalid-request", AdminCalls.message(e));
            return;
        }
        String brought = console().cookie().read(ctx.request().getHeader("Cookie")).orElse(null);
        gateway.vertx().<LoginDone>executeBlocking(() -> {
            LoginResult r = console().login().attempt(attempt);
            gateway.events().publish(r.event());
            if (!r.succeeded()) {
                return new LoginDone(r, null, null);
            }
            Principal p = r.principal().orElseThrow();
            IssuedSession s = console().sessions().create(p.id(), brought);
            return new LoginDone(r, s, console().users().get(p.id()).orElseThrow());
        }, false).onComplete(ar -> {
            if (ar.failed()) {
                log.error("console login failed to run", kv("request_id", ctx.get("request_id")), ar.cause());
                problems.send(ctx, 503, "login-unavailable", "The login could not be checked; try again.");
                return;
            }
            LoginResult r = ar.result().result();
            if (!r.succeeded()) {
                gateway.metrics().recordDenial("admin", "login-failed");
                ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"rampart-admin\"");
                problems.send(ctx, 401, "login-failed", r.clientMessage());
                return;
            }
            IssuedSession s = ar.result().session();
            ctx.response().putHeader("Set-Cookie", console().cookie().setCookie(s.id()));
            sessionAnswer(ctx, 200, s.id(), s.session(), ar.result().user());
        });
    }

    /** {@code GET /admin/session}: the logged-in user and the CSRF token, for a console page reload. */
    void session(RoutingContext ctx) {
        withSession(ctx, false, () -> {
            ActiveSession s = ctx.get(SESSION);
            sessionAnswer(ctx, 200, ctx.get(SESSION_ID), s, ctx.get(SESSION_USER));
        });
    }

    /** A re-authentication's outcome; on success the new recovery codes. */
    private record Reauthenticated(LoginResult result, List<String> codes) {
    }

    /**
     * {@code POST /admin/session/recovery-codes} with {@code {"password": "…"}} or {@code {"code":
     * "123456"}}: logged-in users (any role) get new recovery codes for their own account, once they
     * have proven again who they are (a session alone is not enough: it may be a stolen cookie or an
     * unattended browser). The old codes stop working at once. A wrong password or code counts
     * towards the account's lockout and answers 403 {@code reauthentication-failed}, without ending
     * the session.
     */
    void regenerateOwnRecoveryCodes(RoutingContext ctx) {
        withSession(ctx, false, () -> {
            Optional<String> password;
            Optional<String> code;
            try {
                JsonObject body = body(ctx, true, REAUTH_EXAMPLE);
                password = Optional.ofNullable(string(body, "password"));
                code = Optional.ofNullable(string(body, "code"));
                if (password.isPresent() == code.isPresent()) {
                    throw new IllegalArgumentException("send your password or a current TOTP code (one of them), e.g. "
                            + REAUTH_EXAMPLE);
                }
            } catch (IllegalArgumentException e) {
                problems.send(ctx, 400, "invalid-request", AdminCalls.message(e));
                return;
            }
            UserRecord user = ctx.get(SESSION_USER);
            String ip = ctx.request().remoteAddress().hostAddress();
            gateway.vertx().<Reauthenticated>executeBlocking(() -> {
                LoginResult r = console().login().reauthenticate(user.id(), password, code, ip);
                gateway.events().publish(r.event());
                return new Reauthenticated(r, r.succeeded() ? console().users().regenerateRecoveryCodes(user.id()) : null);
            }, false).onComplete(ar -> {
                if (ar.failed()) {
                    if (ar.cause() instanceof IllegalStateException e) {
                        problems.send(ctx, 409, "user-conflict", AdminCalls.message(e));
                        return;
                    }
                    log.error("recovery code regeneration failed to run", kv("request_id", ctx.get("request_id")), ar.cause());
                    problems.send(ctx, 503, "store-unavailable", "The request could not be completed; try again.");
                    return;
                }
                if (!ar.result().result().succeeded()) {
                    gateway.metrics().recordDenial("admin", "reauthentication-failed");
                    problems.send(ctx, 403, "reauthentication-failed", "The password or code is not right, or the "
                            + "account is locked for a while; nothing was changed.");
                    return;
                }
                gateway.events().publish(new SecurityEvent(Instant.now(), "user.recovery-codes-regenerated",
                        SecurityEvent.Severity.INFO, "admin", null, ctx.get("request_id"), null, ip, user.id(),
                        Map.of("user_id", user.id(), "username", user.username(), "actor", user.id(),
                                "recovery_codes", Integer.toString(ar.result().codes().size()))));
                ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                        .end(UsersAdmin.recoveryCodesJson(ar.result().codes()).encode());
            });
        });
    }

    /** {@code POST /admin/logout}: ends the session at once and clears the cookie. */
    void logout(RoutingContext ctx) {
        withSession(ctx, false, () -> gateway.vertx().executeBlocking(() -> {
            console().sessions().invalidate(ctx.get(SESSION_ID));
            return null;
        }, false).onComplete(ar -> {
            if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
            }
            ctx.response().setStatusCode(204).putHeader("Set-Cookie", console().cookie().clearCookie()).end();
        }));
    }

    /** The admin API's check of a session cookie: an admin user's live session, CSRF-safe for unsafe methods. */
    void authenticate(RoutingContext ctx) {
        withSession(ctx, true, ctx::next);
    }

    /**
     * Runs {@code then} when the request's session is live and its user enabled (and an admin when
     * {@code adminOnly}); an unsafe method also needs the CSRF token and a request not cross-site.
     * Otherwise answers 401 (no live session) or 403.
     */
    private void withSession(RoutingContext ctx, boolean adminOnly, Runnable then) {
        String id = console().cookie().read(ctx.request().getHeader("Cookie")).orElse(null);
        gateway.vertx().<Optional<LiveSession>>executeBlocking(() -> console().sessions().validate(id)
                .flatMap(s -> console().users().get(s.userId()).map(u -> new LiveSession(s, u))), false).onComplete(ar -> {
                    if (ar.failed()) {
                        log.error("console session lookup failed", kv("request_id", ctx.get("request_id")), ar.cause());
                        problems.send(ctx, 503, "store-unavailable", "The session could not be checked; try again.");
                        return;
                    }
                    Optional<LiveSession> found = ar.result();
                    if (found.isEmpty() || !found.get().user().enabled()) {
                        gateway.metrics().recordDenial("admin", "invalid-session");
                        ctx.response().putHeader("Set-Cookie", console().cookie().clearCookie());
                        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"rampart-admin\"");
                        problems.send(ctx, 401, "session-invalid", "The session has ended or does not exist; log in "
                                + "again with POST /admin/login.");
                        return;
                    }
                    UserRecord user = found.get().user();
                    if (adminOnly && !user.roles().contains(ConsoleLogin.ADMIN_ROLE)) {
                        problems.send(ctx, 403, "forbidden", "The admin API needs the role '" + ConsoleLogin.ADMIN_ROLE
                                + "'; user '" + user.username() + "' does not have it.");
                        return;
                    }
                    if (CrossSiteCheck.isUnsafe(ctx.request().method().name())) {
                        CrossSiteCheck.Verdict site = console().crossSite().check(
                                ctx.request().getHeader("Sec-Fetch-Site"), ctx.request().getHeader("Origin"));
                        if (site == CrossSiteCheck.Verdict.CROSS_SITE) {
                            problems.send(ctx, 403, "cross-site-request", "A cross-site request cannot use the "
                                    + "session; add the console's origin to sessions.allowed-origins if it is yours.");
                            return;
                        }
                        if (!console().csrf().matches(id, ctx.request().getHeader(CsrfTokens.HEADER))) {
                            problems.send(ctx, 403, "csrf-token-invalid", "With the session cookie, " + ctx.request().method()
                                    + " needs the header " + CsrfTokens.HEADER + " with the token from the login or "
                                    + "GET /admin/session.");
                            return;
                        }
                    }
                    ctx.put(SESSION_ID, id);
                    ctx.put(SESSION_USER, user);
                    ctx.put(SESSION, found.get().session());
                    then.run();
                });
    }

    private void sessionAnswer(RoutingContext ctx, int status, String sessionId, ActiveSession s, UserRecord user) {
        JsonObject body = new JsonObject()
                .put("user", UsersAdmin.toJson(user))
                .put("csrf_token", console().csrf().tokenFor(sessionId))
                .put("expires_at", s.expiresAt().toString());
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }

    static JsonArray sorted(java.util.Set<String> values) {
        return new JsonArray(values.stream().sorted().toList());
    }
}
