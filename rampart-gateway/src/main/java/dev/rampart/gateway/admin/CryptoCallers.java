package dev.rampart.gateway.admin;

import static net.logstash.logback.argument.StructuredArguments.kv;

import dev.rampart.auth.apikey.ApiKeyAuthentication;
import dev.rampart.auth.apikey.ApiKeys;
import dev.rampart.auth.jwt.JwtRejectedException;
import dev.rampart.auth.jwt.JwtVerifier;
import dev.rampart.core.Principal;
import dev.rampart.core.SecurityEvent;
import dev.rampart.gateway.server.Gateway;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applications on the transit and secrets endpoints. The admin listener takes, on
 * {@code /admin/transit/…} and {@code /admin/secrets…} only, an application's own credential in
 * {@code Authorization: Bearer}: an API key ({@code rmp_…}, from {@code /admin/api-keys}) or a JWT
 * of a configured issuer. The caller's principal then goes to the endpoints, which authorize each
 * call with the policy's {@code transit:…} and {@code secrets:…} permissions; every other admin path
 * still needs the admin credential, whatever an application presents.
 *
 * <p>Why the admin listener and not a route on the proxy listener: the endpoints, their body limits,
 * their OpenAPI document and their errors stay one set, and keys and secrets stay off the listener
 * that faces the internet unless an operator binds the admin listener there. Which credential is
 * which is told by its form: the admin token starts {@code rmp_admin_}, an API key {@code rmp_}, a JWT
 * has three dot-separated parts; so a stolen API key tried against any other admin path is just an
 * invalid admin token.
 */
final class CryptoCallers {

    private static final Logger log = LoggerFactory.getLogger(CryptoCallers.class);

    private final Gateway gateway;
    private final AdminApi.Problems problems;

    CryptoCallers(Gateway gateway, AdminApi.Problems problems) {
        this.gateway = gateway;
        this.problems = problems;
    }

    /** Whether the (normalized) path is one that applications may call with their own credential. */
    static boolean isCryptoPath(String normalizedPath) {
        return normalizedPath.startsWith("/admin/transit/") || normalizedPath.equals("/admin/secrets")
                || normalizedPath.startsWith("/admin/secrets/");
    }

    /** Whether a bearer value is an application's credential rather than (a guess at) the admin token. */
    static boolean isApplicationCredential(String presented) {
        return presented.startsWith(API_KEY_PREFIX) && !presented.startsWith(AdminTokens.PREFIX)
                || presented.chars().filter(c -> c == '.').count() == 2;
    }

    private static final String API_KEY_PREFIX = "rmp_";

    /** Verifies the credential off the event loop; on success the call goes on as that principal. */
    void authenticate(RoutingContext ctx, String presented) {
        boolean apiKey = presented.startsWith(API_KEY_PREFIX);
        String ip = ctx.request().remoteAddress().hostAddress();
        gateway.vertx().<Object>executeBlocking(() -> apiKey ? apiKey(presented, ip) : token(presented), false)
                .onComplete(ar -> {
                    if (ar.failed()) {
                        log.error("application credential check failed", kv("request_id", ctx.get("request_id")),
                                ar.cause());
                        problems.send(ctx, 503, "store-unavailable", "The credential could not be checked; try again.");
                    } else if (ar.result() instanceof Principal principal) {
                        ctx.put(CryptoCalls.CALLER, principal);
                        ctx.next();
                    } else {
                        refuse(ctx, apiKey, (Refusal) ar.result(), ip);
                    }
                });
    }

    /** Why a credential was refused, and the API key's id when it names one. */
    private record Refusal(String reason, String keyId) {
    }

    /** The principal, or the {@link Refusal}. */
    private Object apiKey(String presented, String ip) throws Exception {
        ApiKeys keys = gateway.apiKeys();
        if (keys == null) {
            return new Refusal("api-keys-unavailable", null);
        }
        ApiKeyAuthentication result = keys.authenticate(presented, InetAddress.getByName(ip));
        if (result instanceof ApiKeyAuthentication.Accepted accepted) {
            return accepted.principal();
        }
        ApiKeyAuthentication.Rejected rejected = (ApiKeyAuthentication.Rejected) result;
        return new Refusal(rejected.reason().code(), rejected.keyId());
    }

    private Object token(String presented) {
        JwtVerifier verifier = gateway.runtime().applicationTokens();
        if (verifier == null) {
            return new Refusal("no-trusted-issuer", null);
        }
        try {
            return verifier.verify(presented).principal();
        } catch (JwtRejectedException e) {
            return new Refusal(e.reason().name().toLowerCase(Locale.ROOT).replace('_', '-'), null);
        }
    }

    /**
     * A refused credential is an {@code authentication.failed} event like one refused on a route, so
     * the detector's rules (brute force per address and per key, use of a revoked key) see it too.
     */
    private void refuse(RoutingContext ctx, boolean apiKey, Refusal refusal, String ip) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("path", ctx.normalizedPath());
        details.put("credential", apiKey ? "api-key" : "jwt");
        details.put("reason", refusal.reason());
        if (refusal.keyId() != null) {
            details.put("key_id", refusal.keyId());
            details.put("account", refusal.keyId());
        }
        gateway.events().publish(new SecurityEvent(Instant.now(), "authentication.failed", SecurityEvent.Severity.MEDIUM,
                "admin", refusal.reason(), ctx.get("request_id"), null, ip, null, details));
        gateway.metrics().recordDenial("admin", "invalid-credential");
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"rampart-admin\", error=\"invalid_token\"");
        problems.send(ctx, 401, "invalid-credential", apiKey
                ? "The API key is not valid here (unknown, revoked, expired, disabled or not allowed from this network)."
                : "The token is not valid: it must be a current JWT of one of the gateway's jwt-issuers.");
    }
}
