package dev.rampart.gateway.admin;

import static dev.rampart.gateway.admin.AdminCalls.body;
import static dev.rampart.gateway.admin.AdminCalls.string;
import static dev.rampart.gateway.admin.AdminCalls.strings;
import static dev.rampart.gateway.admin.AdminCalls.time;
import static net.logstash.logback.argument.StructuredArguments.kv;

import com.nimbusds.jose.jwk.JWKSet;
import dev.rampart.auth.oauth2.ClientAuthMethod;
import dev.rampart.auth.oauth2.NewOAuth2Client;
import dev.rampart.auth.oauth2.OAuth2Client;
import dev.rampart.auth.oauth2.OAuth2Clients;
import dev.rampart.auth.oauth2.RegisteredOAuth2Client;
import dev.rampart.core.SecurityEvent;
import dev.rampart.core.config.Durations;
import dev.rampart.gateway.server.Gateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API's {@code /admin/oauth2/clients} endpoints: register (a client secret is in the
 * answer once and nowhere else), list, revoke, rotate a secret. Answered 409 when
 * {@code oauth2-server} is not configured. Every store call runs on a worker thread.
 */
final class OAuth2ClientsAdmin {

    private static final Logger log = LoggerFactory.getLogger(OAuth2ClientsAdmin.class);
    private static final String EXAMPLE = "{\"name\": \"billing-batch\", \"auth_method\": \"client_secret\", "
            + "\"scopes\": [\"invoices:read\"]}";

    private final Gateway gateway;
    private final AdminApi.Problems problems;
    private final AdminCalls calls;

    OAuth2ClientsAdmin(Gateway gateway, AdminApi.Problems problems) {
        this.gateway = gateway;
        this.problems = problems;
        this.calls = new AdminCalls(gateway.vertx(), problems, "oauth2-client-not-found", "oauth2-client-conflict",
                "OAuth2 client");
    }

    /** Runs {@code handler} with the clients, or answers 409 when there is no authorization server. */
    private void withClients(RoutingContext ctx, BiConsumer<RoutingContext, OAuth2Clients> handler) {
        gateway.oauth2Clients().ifPresentOrElse(clients -> handler.accept(ctx, clients),
                () -> problems.send(ctx, 409, "oauth2-server-not-configured", "Rampart issues no OAuth2 tokens: "
                        + "configure oauth2-server (issuer, audiences) in rampart.yaml and restart the gateway."));
    }

    void register(RoutingContext ctx) {
        withClients(ctx, (c, clients) -> {
            NewOAuth2Client request;
            try {
                JsonObject body = body(c, true, EXAMPLE);
                String method = string(body, "auth_method");
                Object jwks = body.getValue("jwks");
                request = new NewOAuth2Client(string(body, "name"),
                        method == null ? ClientAuthMethod.CLIENT_SECRET : ClientAuthMethod.parse(method),
                        jwks == null ? null : keys(jwks), strings(body, "scopes"), strings(body, "roles"),
                        string(body, "plan"));
                KeyPlans.check(request.plan(), gateway.runtime().config().rateLimits());
            } catch (IllegalArgumentException | NullPointerException e) {
                calls.badRequest(c, e);
                return;
            }
            calls.blocking(c, () -> clients.register(request), registered -> {
                String id = registered.client().id();
                log.info("oauth2 client registered", kv("client_id", id), kv("name", registered.client().name()));
                changed("oauth2-client.registered", id, c);
                c.response().putHeader("Location", "/admin/oauth2/clients/" + id);
                return new AdminCalls.Answer(201, shownOnce(registered));
            });
        });
    }

    void list(RoutingContext ctx) {
        withClients(ctx, (c, clients) -> calls.blocking(c, clients::list, all -> {
            JsonArray list = new JsonArray();
            all.forEach(client -> list.add(json(client)));
            return new AdminCalls.Answer(200, new JsonObject().put("clients", list));
        }));
    }

    void revoke(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        withClients(ctx, (c, clients) -> calls.blocking(c, () -> {
            clients.revoke(id);
            return clients.list().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
        }, client -> {
            log.info("oauth2 client revoked", kv("client_id", id));
            changed("oauth2-client.revoked", id, c);
            return new AdminCalls.Answer(200, json(client));
        }));
    }

    void rotateSecret(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        withClients(ctx, (c, clients) -> {
            Duration grace;
            try {
                String text = string(body(c, false, EXAMPLE), "grace");
                grace = text == null ? ApiKeysAdmin.DEFAULT_ROTATION_GRACE : Durations.parse(text);
            } catch (IllegalArgumentException e) {
                calls.badRequest(c, e);
                return;
            }
            calls.blocking(c, () -> clients.rotateSecret(id, grace), rotated -> {
                log.info("oauth2 client secret rotated", kv("client_id", id), kv("grace", Durations.format(grace)));
                changed("oauth2-client.secret-rotated", id, c);
                return new AdminCalls.Answer(200, shownOnce(rotated));
            });
        });
    }

    /** Credential changes are security events, as for API keys. */
    private void changed(String type, String clientId, RoutingContext ctx) {
        gateway.events().publish(new SecurityEvent(Instant.now(), type, SecurityEvent.Severity.INFO, "admin", null,
                ctx.get("request_id"), null, ctx.request().remoteAddress().hostAddress(), "admin",
                Map.of("client_id", clientId)));
    }

    private static JWKSet keys(Object jwks) {
        if (!(jwks instanceof JsonObject object)) {
            throw new IllegalArgumentException("jwks must be a JWK set object, {\"keys\": [...]} (RFC 7517 §5)");
        }
        try {
            return JWKSet.parse(object.encode());
        } catch (ParseException e) {
            throw new IllegalArgumentException("jwks is not a JWK set (RFC 7517 §5): " + e.getMessage());
        }
    }

    private static JsonObject shownOnce(RegisteredOAuth2Client registered) {
        JsonObject json = json(registered.client());
        if (registered.secretShownOnce() != null) {
            json.put("client_secret", registered.secretShownOnce()).put("client_secret_notice",
                    "Store the secret now: it is shown only this once and cannot be retrieved.");
        }
        return json;
    }

    /** A client's metadata: never a secret or its hash. */
    static JsonObject json(OAuth2Client c) {
        return new JsonObject()
                .put("client_id", c.id())
                .put("name", c.name())
                .put("auth_method", c.authMethod().wireName())
                .put("scopes", new JsonArray(new ArrayList<>(new TreeSet<>(c.scopes()))))
                .put("roles", new JsonArray(new ArrayList<>(new TreeSet<>(c.roles()))))
                .put("plan", c.plan())
                .put("jwks", c.jwks() == null ? null : new JsonObject(c.jwks().toString(true)))
                .put("enabled", c.enabled())
                .put("revoked", c.revoked())
                .put("created_at", time(c.createdAt()))
                .put("previous_secret_valid_until", time(c.previousSecretValidUntil()))
                .put("revoked_at", time(c.revokedAt()));
    }
}
