package dev.rampart.gateway.guard;

import com.nimbusds.jose.JWSObject;
import dev.rampart.auth.apikey.ApiKeyAuthentication;
import dev.rampart.auth.apikey.ApiKeyRejection;
import dev.rampart.auth.apikey.ApiKeys;
import dev.rampart.auth.introspection.IntrospectionResult;
import dev.rampart.auth.introspection.TokenIntrospector;
import dev.rampart.auth.jwt.JwtRejectedException;
import dev.rampart.auth.jwt.JwtVerifier;
import dev.rampart.auth.jwt.RejectionReason;
import dev.rampart.auth.jwt.VerifiedToken;
import dev.rampart.auth.lockout.LoginOutcome;
import dev.rampart.auth.user.BasicCredentials;
import dev.rampart.auth.user.BasicLogin;
import dev.rampart.auth.user.LoginFailure;
import dev.rampart.auth.user.LoginResult;
import dev.rampart.core.Decision;
import dev.rampart.core.Exchange;
import dev.rampart.core.Guard;
import dev.rampart.core.Principal;
import dev.rampart.core.SecurityEvent;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * Authentication ({@code authentication}) with bearer JWTs and API keys: the route's accepted issuers verify
 * {@code Authorization: Bearer <jwt>} (RFC 6750 §2.1) and the token's principal is set on the
 * exchange for the guards after it and the access log.
 *
 * <p>Answers 401 problem+json with an RFC 6750 §3 challenge: {@code missing-credentials} with
 * {@code WWW-Authenticate: Bearer realm="rampart"} when the request carries no Authorization
 * header (let through without a principal when the route's authentication is {@code optional}),
 * and {@code invalid-token} with {@code error="invalid_token"} for anything else: another scheme,
 * a malformed header, more than one Authorization header, or a token rampart-auth rejects. Every
 * rejected token is reported as an {@code authentication.failed} event with the rejection reason and
 * the token's {@code kid} and {@code jti} when readable, never the token.
 *
 * <p>The Authorization header is passed on to the upstream unchanged: upstreams often read the
 * token's claims themselves.
 *
 * <p>API keys ({@code api-key}): the key is read from the configured header (default
 * {@code X-API-Key}) or from {@code Authorization: Bearer rmp_...}; the first authenticator that
 * recognises the request decides (the API-key header, then a bearer value starting with
 * {@code rmp_}, then any other bearer token for the JWT issuers). A key that does not verify is
 * answered 401 {@code invalid-api-key} with {@code WWW-Authenticate: ApiKey realm="rampart"} and
 * reported as {@code authentication.failed} with the rejection reason and the key id (never the
 * key). The API key is a credential for the gateway, not for the upstream: its header (or the
 * Authorization header that carried it) is removed before the request is proxied. API-key
 * verification may read the store (JDBC), so it always runs on {@code keyFetches} and its result
 * comes back on the event loop. A request without credentials on a route taking both gets both
 * challenges.
 *
 * <p>Never blocks the event loop: a token whose issuer's keys are cached (or static, or HMAC) is
 * verified inline; one that needs a JWKS fetch (a cold cache, a refresh, a new {@code kid}) is
 * verified on {@code keyFetches}, a worker pool, and its result comes back on the request's event
 * loop (Vert.x delivers a worker's result on the calling context), where the exchange is confined.
 *
 * <p>Users ({@code users: { basic: true }}): {@code Authorization: Basic} (RFC 7617) is checked by
 * {@link BasicLogin}: a user name and password verified within {@code users.basic-cache-ttl} is
 * accepted on the event loop; any other goes to a worker (Argon2id, the store, the lockout shared with
 * console logins). Unknown user, wrong password, disabled or locked account and a user with TOTP
 * enrolled all get the same 401 {@code invalid-credentials} with the generic login message and
 * {@code WWW-Authenticate: Basic realm="…", charset="UTF-8"}, reported as {@code authentication.failed}
 * with the account (the user name as logins key it) and the reason. A Basic request that did not come
 * over HTTPS is refused with 403 {@code https-required} unless {@code allow-insecure} is set. The
 * Authorization header is removed before the request is proxied: the password is for the gateway.
 */
public final class AuthenticationGuard implements Guard {

    /** The guard's name in config, metrics and events. */
    public static final String NAME = "authentication";

    private static final String REALM = "rampart";
    /** RFC 6750 §2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=". */
    private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9._~+/-]+=*");
    /** What may go from a token's header or claims into an event. */
    private static final Pattern LOGGABLE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    static final String BEARER_CHALLENGE = "Bearer realm=\"" + REALM + "\"";
    static final String API_KEY_CHALLENGE = "ApiKey realm=\"" + REALM + "\"";
    /** What starts an API key ({@code ApiKeyFormat}): a bearer value with it is an API key, not a JWT. */
    private static final String API_KEY_PREFIX = "rmp_";

    private final JwtVerifier verifier;
    private final TokenIntrospector introspector;
    private final ApiKeys apiKeys;
    private final String apiKeyHeader;
    private final UserBasic basic;
    private final boolean optional;
    private final WorkerExecutor keyFetches;
    private final CompletionStage<Decision> missing;

    /**
     * HTTP Basic for Rampart's users on a route.
     *
     * @param realm the realm of the challenge, already checked to need no escaping
     * @param allowInsecure accept Basic over plain HTTP
     */
    public record UserBasic(BasicLogin login, String realm, boolean allowInsecure) {
        public UserBasic {
            Objects.requireNonNull(login, "login");
            Objects.requireNonNull(realm, "realm");
        }

        /** RFC 7617 §2.1: the charset parameter tells the client to send UTF-8. */
        String challenge() {
            return "Basic realm=\"" + realm + "\", charset=\"UTF-8\"";
        }
    }

    private AuthenticationGuard(JwtVerifier verifier, TokenIntrospector introspector, ApiKeys apiKeys,
            String apiKeyHeader, UserBasic basic, boolean optional, WorkerExecutor keyFetches) {
        if (verifier == null && introspector == null && apiKeys == null && basic == null) {
            throw new IllegalArgumentException("an authentication guard needs JWT issuers, introspection, API keys or users");
        }
        this.verifier = verifier;
        this.introspector = introspector;
        this.apiKeys = apiKeys;
        this.apiKeyHeader = apiKeys == null ? null : Objects.requireNonNull(apiKeyHeader, "apiKeyHeader");
        this.basic = basic;
        this.optional = optional;
        this.keyFetches = Objects.requireNonNull(keyFetches, "keyFetches");
        boolean tokens = verifier != null || introspector != null;
        List<String> ways = new ArrayList<>();
        if (tokens) {
            ways.add("an access token (Authorization: Bearer <token>)");
        }
        if (apiKeys != null) {
            ways.add("an API key (" + apiKeyHeader + ": <key>)");
        }
        if (basic != null) {
            ways.add("a user name and password (Authorization: Basic)");
        }
        Decision d = Decision.deny(401, "missing-credentials", "This API needs " + String.join(" or ", ways) + ".");
        this.missing = withChallenges(d).toStage();
    }

    /** Every challenge of the route's schemes (RFC 9110 §11.6.1: a 401 lists each scheme it accepts). */
    private Decision withChallenges(Decision d) {
        if (verifier != null || introspector != null) {
            d = d.withHeader("WWW-Authenticate", BEARER_CHALLENGE);
        }
        if (apiKeys != null) {
            d = d.withHeader("WWW-Authenticate", API_KEY_CHALLENGE);
        }
        if (basic != null) {
            d = d.withHeader("WWW-Authenticate", basic.challenge());
        }
        return d;
    }

    /**
     * @param verifier the verifier trusting the route's issuers
     * @param optional whether a request without credentials may pass without a principal
     * @param keyFetches the worker pool for verifications that fetch a JWKS
     */
    public static AuthenticationGuard of(JwtVerifier verifier, boolean optional, WorkerExecutor keyFetches) {
        return new AuthenticationGuard(Objects.requireNonNull(verifier, "verifier"), null, null, null, null, optional,
                keyFetches);
    }

    /**
     * @param verifier the verifier trusting the route's issuers, or null when the route takes no JWTs
     * @param apiKeys the gateway's API keys, or null when the route takes none
     * @param apiKeyHeader the request header that carries an API key (with {@code apiKeys})
     * @param optional whether a request without credentials may pass without a principal
     * @param workers the worker pool for verifications that fetch a JWKS or read the store
     */
    public static AuthenticationGuard of(JwtVerifier verifier, ApiKeys apiKeys, String apiKeyHeader, boolean optional,
            WorkerExecutor workers) {
        return new AuthenticationGuard(verifier, null, apiKeys, apiKeyHeader, null, optional, workers);
    }

    /**
     * @param introspector checks opaque bearer tokens (RFC 7662), or null; with a verifier too, a
     *     bearer value shaped like a JWT (three dot-separated parts) goes to the verifier, any other
     *     to the introspector
     */
    public static AuthenticationGuard of(JwtVerifier verifier, TokenIntrospector introspector, ApiKeys apiKeys,
            String apiKeyHeader, boolean optional, WorkerExecutor workers) {
        return new AuthenticationGuard(verifier, introspector, apiKeys, apiKeyHeader, null, optional, workers);
    }

    /**
     * @param basic Rampart's users with HTTP Basic, or null when the route takes none; checked when
     *     the Authorization header's scheme is Basic
     */
    public static AuthenticationGuard of(JwtVerifier verifier, TokenIntrospector introspector, ApiKeys apiKeys,
            String apiKeyHeader, UserBasic basic, boolean optional, WorkerExecutor workers) {
        return new AuthenticationGuard(verifier, introspector, apiKeys, apiKeyHeader, basic, optional, workers);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CompletionStage<Decision> onRequest(Exchange exchange) {
        if (apiKeys != null) {
            List<String> keys = exchange.request().headers().getAll(apiKeyHeader);
            if (!keys.isEmpty()) {
                exchange.request().headers().remove(apiKeyHeader);
                if (keys.size() > 1) {
                    return malformedApiKey(exchange, "more than one " + apiKeyHeader + " header");
                }
                return apiKey(exchange, keys.get(0).strip());
            }
        }
        List<String> values = exchange.request().headers().getAll("Authorization");
        if (values.isEmpty()) {
            // a client certificate verified before this guard may already name the caller
            return optional || exchange.principal().isPresent() ? Decision.proceedStage() : missing;
        }
        if (values.size() > 1) {
            return verifier == null && introspector == null
                    ? apiKeys == null ? malformedBasic(exchange, "more than one Authorization header")
                            : malformedApiKey(exchange, "more than one Authorization header")
                    : malformed(exchange, "more than one Authorization header");
        }
        if (basic != null && BasicCredentials.isBasic(values.get(0))) {
            exchange.request().headers().remove("Authorization");
            return basic(exchange, values.get(0));
        }
        String token = bearerToken(values.get(0));
        if (apiKeys != null && token != null && token.startsWith(API_KEY_PREFIX)) {
            exchange.request().headers().remove("Authorization");
            return apiKey(exchange, token);
        }
        if (verifier == null && introspector == null) {
            return apiKeys == null ? malformedBasic(exchange, "Authorization is not 'Basic <credentials>'")
                    : malformedApiKey(exchange, "Authorization is not 'Bearer rmp_...'");
        }
        if (token == null) {
            return malformed(exchange, "Authorization is not 'Bearer <token>'");
        }
        if (introspector != null && (verifier == null || !looksLikeJwt(token))) {
            return introspect(exchange, token);
        }
        if (!verifier.wouldFetchKeys(token)) {
            try {
                return accepted(exchange, verifier.verify(token));
            } catch (JwtRejectedException e) {
                return rejected(exchange, token, e);
            }
        }
        CompletableFuture<Decision> decision = new CompletableFuture<>();
        // ordered=false: fetches for different requests need not queue behind each other.
        keyFetches.executeBlocking(() -> verifier.verify(token), false).onComplete(result -> {
            if (result.succeeded()) {
                accepted(exchange, result.result()).whenComplete((d, e) -> decision.complete(d));
            } else if (result.cause() instanceof JwtRejectedException e) {
                rejected(exchange, token, e).whenComplete((d, x) -> decision.complete(d));
            } else {
                decision.completeExceptionally(result.cause());
            }
        });
        return decision;
    }

    /**
     * Checks a Basic credential: from the cache on the event loop, else on the worker pool (Argon2id,
     * the store and the lockout block).
     */
    private CompletionStage<Decision> basic(Exchange exchange, String authorization) {
        if (!basic.allowInsecure() && !"https".equals(exchange.request().scheme())) {
            exchange.emit(NAME, "authentication.failed", SecurityEvent.Severity.MEDIUM, "basic-over-cleartext",
                    Map.of("reason", "basic-over-cleartext", "authenticator", BasicLogin.AUTHENTICATOR));
            return Decision.deny(403, "https-required", "Send user names and passwords over HTTPS only; this one "
                    + "crossed the network in clear and should be changed.").toStage();
        }
        BasicCredentials credentials;
        try {
            credentials = BasicCredentials.parse(authorization);
        } catch (IllegalArgumentException e) {
            return malformedBasic(exchange, e.getMessage());
        }
        Optional<Principal> cached = basic.login().cachedPrincipal(credentials.username(), credentials.password());
        if (cached.isPresent()) {
            exchange.setPrincipal(cached.get());
            return Decision.proceedStage();
        }
        CompletableFuture<Decision> decision = new CompletableFuture<>();
        String client = exchange.request().clientAddress().getHostAddress();
        keyFetches.executeBlocking(() -> basic.login().authenticate(credentials.username(), credentials.password(),
                client), false).onComplete(result -> {
                    if (result.failed()) {
                        decision.completeExceptionally(result.cause());
                    } else if (result.result().succeeded()) {
                        exchange.setPrincipal(result.result().principal().get());
                        decision.complete(Decision.proceed());
                    } else {
                        decision.complete(rejectedBasic(exchange, result.result()));
                    }
                });
        return decision;
    }

    /** The event says why (for the detector and the audit log); the client gets the one generic answer. */
    private Decision rejectedBasic(Exchange exchange, LoginResult result) {
        LoginFailure failure = result.failure().orElseThrow();
        Map<String, String> details = new LinkedHashMap<>(result.event().details());
        details.put("reason", failure.code());
        details.put("authenticator", BasicLogin.AUTHENTICATOR);
        exchange.emit(NAME, "authentication.failed", result.event().severity(), failure.code(), details);
        return withChallenges(Decision.deny(401, "invalid-credentials", LoginOutcome.GENERIC_FAILURE));
    }

    private CompletionStage<Decision> malformedBasic(Exchange exchange, String what) {
        exchange.emit(NAME, "authentication.failed", SecurityEvent.Severity.LOW, "malformed-credentials",
                Map.of("problem", what, "authenticator", BasicLogin.AUTHENTICATOR));
        return withChallenges(Decision.deny(401, "invalid-credentials",
                "The Authorization header must be 'Basic <base64 of user:password>'.")).toStage();
    }

    /** A JWS compact serialisation has exactly three dot-separated parts (RFC 7515 §7.1). */
    private static boolean looksLikeJwt(String token) {
        return token.chars().filter(c -> c == '.').count() == 2;
    }

    /** Asks the authorization server, on the worker pool unless the answer is cached. */
    private CompletionStage<Decision> introspect(Exchange exchange, String token) {
        if (introspector.isCached(token)) {
            return introspected(exchange, introspector.introspect(token));
        }
        CompletableFuture<Decision> decision = new CompletableFuture<>();
        keyFetches.executeBlocking(() -> introspector.introspect(token), false).onComplete(result -> {
            if (result.succeeded()) {
                introspected(exchange, result.result()).whenComplete((d, e) -> decision.complete(d));
            } else {
                decision.completeExceptionally(result.cause());
            }
        });
        return decision;
    }

    private static CompletionStage<Decision> introspected(Exchange exchange, IntrospectionResult result) {
        if (result instanceof IntrospectionResult.Active active) {
            exchange.setPrincipal(active.principal());
            return Decision.proceedStage();
        }
        if (result instanceof IntrospectionResult.Inactive inactive) {
            exchange.emit(NAME, "authentication.failed", SecurityEvent.Severity.LOW, "token-" + inactive.reason(),
                    Map.of("reason", inactive.reason(), "authenticator", TokenIntrospector.AUTHENTICATOR));
            return invalidToken("The access token is not active.");
        }
        String why = ((IntrospectionResult.Unavailable) result).reason();
        // fail closed: a token nobody could vouch for is not let through, and the client may retry
        exchange.emit(NAME, "authentication.unavailable", SecurityEvent.Severity.MEDIUM, "introspection-unavailable",
                Map.of("reason", why));
        return Decision.deny(503, "authentication-unavailable", "The access token cannot be checked right now; retry "
                + "later.").withHeader("Retry-After", "5").toStage();
    }

    /** Verifies an API key on the worker pool (it may read the store); the decision comes back on the event loop. */
    private CompletionStage<Decision> apiKey(Exchange exchange, String key) {
        CompletableFuture<Decision> decision = new CompletableFuture<>();
        java.net.InetAddress client = exchange.request().clientAddress();
        keyFetches.executeBlocking(() -> apiKeys.authenticate(key, client), false).onComplete(result -> {
            if (result.failed()) {
                decision.completeExceptionally(result.cause());
            } else if (result.result() instanceof ApiKeyAuthentication.Accepted a) {
                exchange.setPrincipal(a.principal());
                decision.complete(Decision.proceed());
            } else if (result.result() instanceof ApiKeyAuthentication.Rejected r) {
                decision.complete(rejectedApiKey(exchange, r));
            }
        });
        return decision;
    }

    private Decision rejectedApiKey(Exchange exchange, ApiKeyAuthentication.Rejected r) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("reason", r.reason().code());
        if (r.keyId() != null) {
            details.put("key_id", r.keyId());
            details.put("account", r.keyId());   // the detector's per-account rules group by it
        }
        SecurityEvent.Severity severity = switch (r.reason()) {
            case BAD_SECRET, REVOKED, IP_NOT_ALLOWED -> SecurityEvent.Severity.MEDIUM;
            default -> SecurityEvent.Severity.LOW;
        };
        exchange.emit(NAME, "authentication.failed", severity, r.reason().code(), details);
        return invalidApiKey(describe(r.reason()));
    }

    private CompletionStage<Decision> malformedApiKey(Exchange exchange, String what) {
        exchange.emit(NAME, "authentication.failed", SecurityEvent.Severity.LOW, "malformed-credentials",
                Map.of("problem", what));
        return invalidApiKey("Send one API key in " + apiKeyHeader + " or as Authorization: Bearer rmp_...")
                .toStage();
    }

    private Decision invalidApiKey(String description) {
        Decision d = Decision.deny(401, "invalid-api-key", description);
        if (verifier != null) {
            d = d.withHeader("WWW-Authenticate", BEARER_CHALLENGE);
        }
        return d.withHeader("WWW-Authenticate", API_KEY_CHALLENGE);
    }

    /** What the client is told about a key it holds: enough to act on, nothing about other keys. */
    private static String describe(ApiKeyRejection reason) {
        return switch (reason) {
            case EXPIRED -> "The API key has expired.";
            case REVOKED -> "The API key has been revoked.";
            case DISABLED -> "The API key is disabled.";
            case IP_NOT_ALLOWED -> "The API key may not be used from this network.";
            default -> "The API key is not valid.";
        };
    }

    /** The token of a {@code Bearer} credential (scheme case-insensitive, RFC 9110 §11.1), else null. */
    static String bearerToken(String authorization) {
        if (authorization.length() < 7 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).strip();
        return B64TOKEN.matcher(token).matches() ? token : null;
    }

    private static CompletionStage<Decision> accepted(Exchange exchange, VerifiedToken token) {
        exchange.setPrincipal(token.principal());
        return Decision.proceedStage();
    }

    private static CompletionStage<Decision> malformed(Exchange exchange, String what) {
        exchange.emit(NAME, "authentication.failed", SecurityEvent.Severity.LOW, "malformed-credentials",
                Map.of("problem", what));
        return invalidToken("The Authorization header must be 'Bearer <token>'.");
    }

    private static CompletionStage<Decision> rejected(Exchange exchange, String token, JwtRejectedException e) {
        RejectionReason reason = e.reason();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("reason", reason.name());
        identifiers(token, details);
        exchange.emit(NAME, "authentication.failed", severity(reason),
                reason.name().toLowerCase(Locale.ROOT).replace('_', '-'), details);
        return invalidToken(describe(reason));
    }

    private static CompletionStage<Decision> invalidToken(String description) {
        return Decision.deny(401, "invalid-token", description)
                .withHeader("WWW-Authenticate", "Bearer realm=\"" + REALM + "\", error=\"invalid_token\", "
                        + "error_description=\"" + description + "\"")
                .toStage();
    }

    /**
     * What the client is told: enough to fix an honest mistake (an expired token, the wrong
     * audience), nothing that helps probe the verifier (which key or check failed).
     */
    private static String describe(RejectionReason reason) {
        return switch (reason) {
            case EXPIRED -> "The access token has expired.";
            case NOT_YET_VALID, ISSUED_IN_FUTURE -> "The access token is not valid yet.";
            case AUDIENCE_MISMATCH -> "The access token is not meant for this API.";
            case UNKNOWN_ISSUER -> "The access token's issuer is not accepted here.";
            case REVOKED -> "The access token has been revoked.";
            case TOKEN_TOO_LARGE -> "The access token is too large.";
            case KEYS_UNAVAILABLE -> "The access token cannot be verified right now.";
            default -> "The access token is not valid.";
        };
    }

    /** Forgeries and attacks rank above tokens that merely expired or went to the wrong API. */
    private static SecurityEvent.Severity severity(RejectionReason reason) {
        return switch (reason) {
            case ALG_NONE, KEY_CONFUSION, EMBEDDED_KEY, KEY_URL_NOT_ALLOWED, INVALID_KID, PSYCHIC_SIGNATURE,
                    BAD_SIGNATURE, REVOKED -> SecurityEvent.Severity.MEDIUM;
            default -> SecurityEvent.Severity.LOW;
        };
    }

    /** The token's {@code kid} and {@code jti} when readable and plain; the token itself never leaves here. */
    private static void identifiers(String token, Map<String, String> details) {
        if (token.length() > JwtVerifier.DEFAULT_MAX_TOKEN_BYTES) {
            return;
        }
        try {
            JWSObject jws = JWSObject.parse(token);
            String kid = jws.getHeader().getKeyID();
            if (kid != null && LOGGABLE_ID.matcher(kid).matches()) {
                details.put("kid", kid);
            }
            Map<String, Object> claims = jws.getPayload().toJSONObject();
            Object jti = claims == null ? null : claims.get("jti");
            if (jti instanceof String s && LOGGABLE_ID.matcher(s).matches()) {
                details.put("jti", s);
            }
        } catch (java.text.ParseException | RuntimeException e) {
            // Unreadable: the event carries the reason only.
        }
    }
}
