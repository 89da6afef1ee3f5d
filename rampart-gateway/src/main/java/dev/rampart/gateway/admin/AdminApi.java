package dev.rampart.gateway.admin;

import static net.logstash.logback.argument.StructuredArguments.kv;

import dev.rampart.core.SecurityEvent;
import dev.rampart.gateway.Version;
import dev.rampart.gateway.config.EffectiveConfig;
import dev.rampart.gateway.http.Problem;
import dev.rampart.gateway.http.RequestIds;
import dev.rampart.gateway.route.CompiledRoute;
import dev.rampart.gateway.server.Gateway;
import dev.rampart.gateway.upstream.UpstreamServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin REST API on the admin listener. Every call needs {@code Authorization: Bearer <admin
 * token>} or the session cookie of an admin user ({@link ConsoleSessionsAdmin}), except that the
 * transit and secrets endpoints also take an application's API key or JWT ({@link CryptoCallers});
 * the token's hash is read from the store on each call, so {@code rampart admin
 * reset-token} takes effect at once, also for a running gateway. Errors are problem+json.
 */
public final class AdminApi {

    private static final Logger log = LoggerFactory.getLogger(AdminApi.class);

    private static final long ADMIN_BODY_LIMIT = 64 * 1024;

    private final Gateway gateway;
    private final Buffer openApi;
    private final ConsoleSessionsAdmin sessions;
    private final CryptoCallers cryptoCallers;

    /** Answers a problem+json error. */
    @FunctionalInterface
    interface Problems {
        void send(RoutingContext ctx, int status, String code, String detail);
    }

    public AdminApi(Gateway gateway) {
        this.gateway = gateway;
        this.openApi = loadOpenApi();
        this.sessions = new ConsoleSessionsAdmin(gateway, AdminApi::problem);
        this.cryptoCallers = new CryptoCallers(gateway, AdminApi::problem);
    }

    /** The admin routes that take a JSON body (the transit routes have their own, larger limit). */
    private static final List<String> BODY_ROUTES = List.of("/admin/api-keys*", "/admin/oauth2/clients*", "/admin/bans*",
            "/admin/ip-lists*", "/admin/policy*", "/admin/login", "/admin/users*", "/admin/incidents*",
            "/admin/session/recovery-codes", "/admin/subjects*");

    /** The router to install as the admin listener's request handler. */
    public Router router() {
        Router router = Router.router(gateway.vertx());
        router.route().handler(this::secureHeaders);
        // Before the (asynchronous) admin-token check, so the body is read while the token is looked up.
        BodyHandler bodies = BodyHandler.create(false).setBodyLimit(ADMIN_BODY_LIMIT);
        for (String withBody : BODY_ROUTES) {
            router.route(withBody).handler(bodies);
        }
        CryptoRoutes.readBodies(router, AdminApi::problem);
        router.post("/admin/login").handler(sessions::login);
        router.post("/admin/logout").handler(sessions::logout);
        router.get("/admin/session").handler(sessions::session);
        router.post("/admin/session/recovery-codes").handler(sessions::regenerateOwnRecoveryCodes);
        router.route().handler(this::authenticate);
        router.get("/admin/health").handler(this::health);
        router.get("/admin/config").handler(this::config);
        router.get("/admin/routes").handler(this::routes);
        router.post("/admin/config/reload").handler(this::reload);
        ApiKeysAdmin keys = new ApiKeysAdmin(gateway, AdminApi::problem);
        router.post("/admin/api-keys").handler(keys::create);
        router.get("/admin/api-keys").handler(keys::list);
        router.post("/admin/api-keys/:id/revoke").handler(keys::revoke);
        router.post("/admin/api-keys/:id/rotate").handler(keys::rotate);
        OAuth2ClientsAdmin clients = new OAuth2ClientsAdmin(gateway, AdminApi::problem);
        router.post("/admin/oauth2/clients").handler(clients::register);
        router.get("/admin/oauth2/clients").handler(clients::list);
        router.post("/admin/oauth2/clients/:id/revoke").handler(clients::revoke);
        router.post("/admin/oauth2/clients/:id/rotate-secret").handler(clients::rotateSecret);
        TrafficAdmin traffic = new TrafficAdmin(gateway, AdminApi::problem);
        router.get("/admin/bans").handler(traffic::listBans);
        router.post("/admin/bans").handler(traffic::addBan);
        router.post("/admin/bans/remove").handler(traffic::removeBan);
        router.get("/admin/ip-lists").handler(traffic::listIpEntries);
        router.post("/admin/ip-lists").handler(traffic::addIpEntry);
        router.post("/admin/ip-lists/remove").handler(traffic::removeIpEntry);
        CryptoRoutes.install(router, gateway, AdminApi::problem);
        UsersAdmin users = new UsersAdmin(gateway, AdminApi::problem);
        router.get("/admin/users").handler(users::list);
        router.post("/admin/users").handler(users::create);
        router.post("/admin/users/:id/disable").handler(users::disable);
        router.post("/admin/users/:id/enable").handler(users::enable);
        router.post("/admin/users/:id/password").handler(users::password);
        router.post("/admin/users/:id/unlock").handler(users::unlock);
        router.delete("/admin/users/:id").handler(users::delete);
        router.post("/admin/users/:id/totp").handler(users::startTotp);
        router.post("/admin/users/:id/totp/confirm").handler(users::confirmTotp);
        router.delete("/admin/users/:id/totp").handler(users::disableTotp);
        router.put("/admin/users/:id/roles").handler(users::roles);
        router.post("/admin/users/:id/recovery-codes").handler(users::recoveryCodes);
        router.post("/admin/policy/explain").handler(new PolicyAdmin(gateway, AdminApi::problem)::explain);
        AuditAdmin audit = new AuditAdmin(gateway, AdminApi::problem);
        router.get("/admin/audit/entries").handler(audit::entries);
        router.get("/admin/audit/checkpoints").handler(audit::checkpoints);
        router.get("/admin/audit/proofs/inclusion").handler(audit::inclusionProof);
        router.get("/admin/audit/proofs/consistency").handler(audit::consistencyProof);
        SubjectsAdmin subjects = new SubjectsAdmin(gateway, AdminApi::problem);
        router.get("/admin/subjects/:id/export").handler(subjects::export);
        router.post("/admin/subjects/:id/erase").handler(subjects::erase);
        IncidentsAdmin incidents = new IncidentsAdmin(gateway, AdminApi::problem);
        router.get("/admin/incidents").handler(incidents::list);
        router.get("/admin/incidents/:id").handler(incidents::show);
        router.post("/admin/incidents/:id/ack").handler(incidents::acknowledge);
        router.post("/admin/incidents/:id/resolve").handler(incidents::resolve);
        router.post("/admin/incidents/:id/notes").handler(incidents::note);
        router.get("/admin/openapi.json").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/json").end(openApi));
        router.get("/metrics").handler(this::metrics);
        router.route().handler(ctx -> problem(ctx, 404, "not-found", "No admin endpoint at this path."));
        router.route().failureHandler(ctx -> {
            if (ctx.statusCode() == 405) {
                problem(ctx, 405, "method-not-allowed", "This admin endpoint does not accept " + ctx.request().method() + ".");
                return;
            }
            if (ctx.statusCode() == 413) {
                problem(ctx, 413, "body-too-large", "The request body is over " + ADMIN_BODY_LIMIT + " bytes.");
                return;
            }
            log.error("admin request failed", kv("request_id", requestId(ctx)), ctx.failure());
            problem(ctx, 500, "internal-error", "The admin request failed; see the gateway log.");
        });
        return router;
    }

    private void secureHeaders(RoutingContext ctx) {
        ctx.put("request_id", RequestIds.next());
        HttpServerResponse r = ctx.response();
        r.putHeader("X-Request-Id", requestId(ctx));
        r.putHeader("Cache-Control", "no-store");
        r.putHeader("X-Content-Type-Options", "nosniff");
        r.putHeader("X-Frame-Options", "DENY");
        r.putHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        r.putHeader("Referrer-Policy", "no-referrer");
        ctx.next();
    }

    private void authenticate(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
        if (header == null && sessions.presentsSession(ctx)) {
            sessions.authenticate(ctx);
            return;
        }
        if (presented != null && CryptoCallers.isCryptoPath(ctx.normalizedPath())
                && CryptoCallers.isApplicationCredential(presented)) {
            cryptoCallers.authenticate(ctx, presented);
            return;
        }
        gateway.vertx().<Optional<String>>executeBlocking(() -> gateway.store().settings().get(AdminTokens.SETTING), false)
                .onComplete(ar -> {
                    if (ar.failed()) {
                        log.error("admin token lookup failed", kv("request_id", requestId(ctx)), ar.cause());
                        problem(ctx, 503, "store-unavailable", "The admin credential could not be checked; try again.");
                        return;
                    }
                    if (presented != null && ar.result().isPresent() && AdminTokens.matches(presented, ar.result().get())) {
                        IncidentsAdmin.adminAuthenticated(gateway, ctx, requestId(ctx));
                        ctx.next();
                        return;
                    }
                    String ip = ctx.request().remoteAddress().hostAddress();
                    gateway.events().publish(new SecurityEvent(java.time.Instant.now(), "admin.auth.failed",
                            SecurityEvent.Severity.MEDIUM, "admin", presented == null ? "missing-credential" : "invalid-credential",
                            requestId(ctx), null, ip, null, Map.of("path", ctx.request().path())));
                    gateway.metrics().recordDenial("admin", presented == null ? "missing-credential" : "invalid-credential");
                    ctx.response().putHeader("WWW-Authenticate",
                            presented == null ? "Bearer realm=\"rampart-admin\""
                                    : "Bearer realm=\"rampart-admin\", error=\"invalid_token\"");
                    problem(ctx, 401, "admin-unauthorized",
                            "This call needs the admin token as 'Authorization: Bearer <token>'. "
                                    + "Run 'rampart admin reset-token' to make a new one.");
                });
    }

    private void health(RoutingContext ctx) {
        var rt = gateway.runtime();
        JsonObject body = new JsonObject()
                .put("status", "ok")
                .put("version", Version.current())
                .put("config_generation", rt.generation())
                .put("routes", rt.routes().routes().size())
                .put("uptime_seconds", (System.currentTimeMillis() - gateway.startedAtMillis()) / 1000)
                .put("events_queued", gateway.events().queuedCount())
                .put("events_dropped", gateway.events().droppedCount());
        json(ctx, 200, body.encode());
    }

    private void config(RoutingContext ctx) {
        json(ctx, 200, EffectiveConfig.toJson(gateway.loadedConfig()));
    }

    private void routes(RoutingContext ctx) {
        long now = System.nanoTime();
        JsonArray list = new JsonArray();
        for (CompiledRoute r : gateway.runtime().routes().routes()) {
            JsonArray upstreams = new JsonArray();
            for (UpstreamServer s : r.upstream().servers()) {
                upstreams.add(new JsonObject().put("url", s.url()).put("available", s.isAvailable(now)));
            }
            JsonArray guards = new JsonArray();
            r.guards().forEach(g -> guards.add(g.name()));
            list.add(new JsonObject()
                    .put("id", r.id())
                    .put("hosts", r.hosts().toString())
                    .put("path", r.path().toString())
                    .put("methods", new JsonArray(r.methods().stream().sorted().toList()))
                    .put("upstreams", upstreams)
                    .put("guards", guards)
                    .put("max_body_bytes", r.maxBodyBytes()));
        }
        json(ctx, 200, new JsonObject().put("routes", list).encode());
    }

    private void reload(RoutingContext ctx) {
        gateway.vertx().executeBlocking(gateway::reload, false).onComplete(ar -> {
            if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
            }
            Gateway.ReloadResult r = ar.result();
            if (r.applied()) {
                json(ctx, 200, new JsonObject().put("status", "reloaded").put("config_generation", r.generation())
                        .put("warnings", new JsonArray(r.warnings())).encode());
            } else {
                JsonObject p = new JsonObject(new Problem(422, "invalid-config",
                        "The new config has errors; the running config is unchanged.", requestId(ctx)).toJson());
                p.put("errors", new JsonArray(r.errors()));
                ctx.response().setStatusCode(422).putHeader("Content-Type", Problem.CONTENT_TYPE).end(p.encode());
            }
        });
    }

    private void metrics(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .end(gateway.metrics().scrape());
    }

    private static void json(RoutingContext ctx, int status, String body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
    }

    private static void problem(RoutingContext ctx, int status, String code, String detail) {
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", Problem.CONTENT_TYPE)
                .end(new Problem(status, code, detail, requestId(ctx)).toJson());
    }

    private static String requestId(RoutingContext ctx) {
        String id = ctx.get("request_id");
        return id == null ? RequestIds.next() : id;
    }

    private static Buffer loadOpenApi() {
        try (InputStream in = AdminApi.class.getResourceAsStream("/admin-openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("admin-openapi.json is missing from the jar");
            }
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read admin-openapi.json", e);
        }
    }
}
