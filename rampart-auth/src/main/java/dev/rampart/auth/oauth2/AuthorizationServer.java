package dev.rampart.auth.oauth2;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.rampart.auth.credential.Base62;
import dev.rampart.auth.jwt.ClaimMapping;
import dev.rampart.auth.jwt.JwtRejectedException;
import dev.rampart.auth.jwt.JwtVerifier;
import dev.rampart.auth.jwt.TrustedIssuer;
import dev.rampart.auth.jwt.VerifiedToken;
import dev.rampart.auth.signature.ReplayGuard;
import dev.rampart.core.Principal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Rampart's OAuth2 authorization server for machine clients: the client-credentials grant
 * (RFC 6749 §4.4) at the token endpoint, with client authentication by secret (§2.3.1) or by a
 * signed JWT ({@code private_key_jwt}, RFC 7523 §2.2); access tokens are JWTs after RFC 9068
 * ({@code typ: at+jwt}), signed ES256 with the rotating keys of a {@link SigningKeyRing};
 * metadata after RFC 8414.
 *
 * <pre>{@code
 * AuthorizationServer server = new AuthorizationServer(settings, clients, keyRing, replayGuard, clock);
 * TokenResponse r = server.token(new TokenRequest(contentType, authorization, body));   // worker thread
 * respond(r.status(), r.headers(), r.json());
 * JwtVerifier ownTokens = JwtVerifier.builder().issuer(server.trustedIssuer()).build();
 * }</pre>
 *
 * <p>{@link #token} blocks (store lookups, signing): call it from a worker thread. Thread-safe.
 */
public final class AuthorizationServer {

    /**
     * The access-token claim, and principal attribute, holding a client's rate-limit plan: the
     * attribute {@code rate-limits.plan-attribute} reads by default.
     */
    public static final String PLAN_CLAIM = "plan";

    /** RFC 7523 §2.2: the only {@code client_assertion_type} there is. */
    static final String JWT_BEARER_ASSERTION = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    static final String CLIENT_CREDENTIALS = "client_credentials";
    /** A client assertion may live this long at most, which bounds how long its jti is remembered. */
    static final Duration MAX_ASSERTION_LIFETIME = Duration.ofMinutes(10);
    private static final Set<JWSAlgorithm> ASSERTION_ALGORITHMS = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384,
            JWSAlgorithm.ES512, JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512, JWSAlgorithm.PS256,
            JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.EdDSA);
    private static final Map<String, String> NO_STORE = Map.of("Cache-Control", "no-store", "Pragma", "no-cache");
    private static final String BASIC_CHALLENGE = "Basic realm=\"rampart\", charset=\"UTF-8\"";

    private final AuthorizationServerSettings settings;
    private final OAuth2Clients clients;
    private final SigningKeyRing keys;
    private final ReplayGuard assertionIds;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final TrustedIssuer trustedIssuer;
    private final Cache<String, JwtVerifier> assertionVerifiers =
            Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(30)).build();

    /** @param assertionIds remembers the {@code jti} of accepted client assertions, so none is used twice */
    public AuthorizationServer(AuthorizationServerSettings settings, OAuth2Clients clients, SigningKeyRing keys,
            ReplayGuard assertionIds, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.assertionIds = Objects.requireNonNull(assertionIds, "assertionIds");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.trustedIssuer = TrustedIssuer.builder(settings.issuerId())
                .liveKeys(keys::publishedKeys)
                .algorithms(Set.of(JWSAlgorithm.ES256))
                .audiences(settings.audiences())
                .claimMapping(ClaimMapping.builder().principalType(Principal.Type.CLIENT)
                        .attribute(PLAN_CLAIM, PLAN_CLAIM).build())
                .build();
    }

    public AuthorizationServerSettings settings() {
        return settings;
    }

    /** This server as an issuer that routes can trust: its published keys, ES256, its audiences. */
    public TrustedIssuer trustedIssuer() {
        return trustedIssuer;
    }

    /** The registered clients. */
    public OAuth2Clients clients() {
        return clients;
    }

    /** The signing keys, for {@code /.well-known/jwks.json}. */
    public SigningKeyRing keys() {
        return keys;
    }

    /** Answers a token request. Never throws for a bad request: every refusal is an RFC 6749 error. */
    public TokenResponse token(TokenRequest request) {
        String type = request.contentType() == null ? "" : request.contentType().toLowerCase(Locale.ROOT);
        if (!type.split(";", 2)[0].trim().equals("application/x-www-form-urlencoded")) {
            return error(400, "invalid_request", "the request must be a form: Content-Type "
                    + "application/x-www-form-urlencoded (RFC 6749 §4.4.2)", null);
        }
        Map<String, String> form = new HashMap<>();
        String malformed = parseForm(request.body() == null ? "" : request.body(), form);
        if (malformed != null) {
            return error(400, "invalid_request", malformed, null);
        }
        String grant = form.get("grant_type");
        if (grant == null) {
            return error(400, "invalid_request", "grant_type is missing; this server issues tokens for grant_type="
                    + CLIENT_CREDENTIALS, null);
        }
        if (!grant.equals(CLIENT_CREDENTIALS)) {
            return error(400, "unsupported_grant_type", "only grant_type=" + CLIENT_CREDENTIALS + " is supported", null);
        }
        ClientCheck check = authenticateClient(request.authorization(), form);
        if (check.client() == null) {
            return check.failure();
        }
        OAuth2Client client = check.client();
        Set<String> scopes;
        String scopeParam = form.get("scope");
        if (scopeParam == null) {
            scopes = client.scopes();   // RFC 6749 §3.3: the pre-defined default is everything the client may have
        } else {
            Set<String> asked = Scopes.parse(scopeParam);
            if (asked == null) {
                return error(400, "invalid_scope", "scope must be space-separated scope tokens (RFC 6749 §3.3)",
                        client.id());
            }
            List<String> refused = asked.stream().filter(s -> !client.scopes().contains(s)).toList();
            if (!refused.isEmpty()) {
                return error(400, "invalid_scope", "this client may not be granted " + String.join(" ", refused),
                        client.id());
            }
            scopes = asked;
        }
        return issue(client, scopes);
    }

    /** RFC 8414 §2 metadata, as JSON. */
    public String metadataJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", settings.issuerId());
        m.put("token_endpoint", settings.tokenEndpoint().toString());
        m.put("jwks_uri", settings.jwksUri().toString());
        m.put("grant_types_supported", List.of(CLIENT_CREDENTIALS));
        m.put("response_types_supported", List.of());
        m.put("token_endpoint_auth_methods_supported",
                List.of("client_secret_basic", "client_secret_post", "private_key_jwt"));
        m.put("token_endpoint_auth_signing_alg_values_supported",
                ASSERTION_ALGORITHMS.stream().map(JWSAlgorithm::getName).sorted().toList());
        return JSONObjectUtils.toJSONString(m);
    }

    /** The published public keys as a JWK set (RFC 7517 §5). */
    public String jwksJson() {
        return keys.publishedKeys().toString(true);
    }

    // ---- client authentication ---------------------------------------------------------------

    private record ClientCheck(OAuth2Client client, TokenResponse failure) {
    }

    private ClientCheck authenticateClient(String authorization, Map<String, String> form) {
        boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        boolean post = form.containsKey("client_secret");
        boolean assertion = form.containsKey("client_assertion") || form.containsKey("client_assertion_type");
        if ((basic ? 1 : 0) + (post ? 1 : 0) + (assertion ? 1 : 0) > 1) {
            // RFC 6749 §2.3: a client MUST NOT use more than one authentication method in a request
            return refused(400, "invalid_request", "use exactly one client authentication method", form.get("client_id"));
        }
        if (basic) {
            String[] idAndSecret = basicCredentials(authorization.substring(6).trim());
            if (idAndSecret == null) {
                return refused(401, "invalid_client", "the Basic credentials are malformed (RFC 6749 §2.3.1)", null);
            }
            if (form.containsKey("client_id") && !form.get("client_id").equals(idAndSecret[0])) {
                return refused(400, "invalid_request", "client_id differs from the authenticated client", idAndSecret[0]);
            }
            return bySecret(idAndSecret[0], idAndSecret[1]);
        }
        if (post) {
            String id = form.get("client_id");
            if (id == null) {
                return refused(400, "invalid_request", "client_secret needs client_id", null);
            }
            return bySecret(id, form.get("client_secret"));
        }
        if (assertion) {
            return byAssertion(form);
        }
        return refused(401, "invalid_client", "the client did not authenticate; use HTTP Basic, client_secret or "
                + "private_key_jwt", form.get("client_id"));
    }

    private ClientCheck bySecret(String clientId, String secret) {
        Optional<OAuth2Client> client = clients.authenticateSecret(clientId, secret);
        return client.map(c -> new ClientCheck(c, null)).orElseGet(() ->
                // one answer for unknown client, wrong secret, disabled and revoked: no client enumeration
                refused(401, "invalid_client", "client authentication failed", clientId));
    }

    private ClientCheck byAssertion(Map<String, String> form) {
        if (!JWT_BEARER_ASSERTION.equals(form.get("client_assertion_type")) || form.get("client_assertion") == null) {
            return refused(400, "invalid_request", "private_key_jwt needs client_assertion_type=" + JWT_BEARER_ASSERTION
                    + " and client_assertion", form.get("client_id"));
        }
        String assertion = form.get("client_assertion");
        String clientId;
        try {
            Object iss = SignedJWT.parse(assertion).getJWTClaimsSet().getIssuer();
            clientId = iss == null ? null : iss.toString();
        } catch (java.text.ParseException e) {
            return refused(401, "invalid_client", "client_assertion is not a signed JWT", form.get("client_id"));
        }
        if (clientId == null || form.containsKey("client_id") && !form.get("client_id").equals(clientId)) {
            return refused(401, "invalid_client", "client_assertion's iss must be the client_id", form.get("client_id"));
        }
        Optional<OAuth2Client> found = clients.find(clientId)
                .filter(c -> c.authMethod() == ClientAuthMethod.PRIVATE_KEY_JWT && c.enabled() && !c.revoked());
        if (found.isEmpty()) {
            return refused(401, "invalid_client", "client authentication failed", clientId);
        }
        OAuth2Client client = found.get();
        VerifiedToken verified;
        try {
            verified = assertionVerifier(client).verify(assertion);
        } catch (JwtRejectedException e) {
            return refused(401, "invalid_client", "client_assertion rejected: " + e.reason().name().toLowerCase(Locale.ROOT),
                    clientId);
        }
        Instant now = clock.instant();
        Instant expires = verified.expiresAt();
        if (!clientId.equals(verified.principal().id())) {
            return refused(401, "invalid_client", "client_assertion's sub must be the client_id (RFC 7523 §3)", clientId);
        }
        if (expires == null || expires.isAfter(now.plus(MAX_ASSERTION_LIFETIME).plus(settings.clockSkew()))) {
            return refused(401, "invalid_client", "client_assertion must expire within "
                    + MAX_ASSERTION_LIFETIME.toMinutes() + " minutes", clientId);
        }
        String id = verified.jti().orElse("");
        if (id.isEmpty()) {
            return refused(401, "invalid_client", "client_assertion needs a jti (RFC 7523 §3)", clientId);
        }
        if (!assertionIds.firstSeen(clientId + " " + id, expires.plus(settings.clockSkew()))) {
            return refused(401, "invalid_client", "client_assertion was already used (jti replay)", clientId);
        }
        return new ClientCheck(client, null);
    }

    private JwtVerifier assertionVerifier(OAuth2Client client) {
        // keyed by the registered keys too, so new keys take effect as soon as the client record does
        return assertionVerifiers.get(client.id() + " " + client.jwks().toString(true), k -> JwtVerifier.builder()
                .issuer(TrustedIssuer.builder(client.id())
                        .staticKeys(client.jwks())
                        .algorithms(ASSERTION_ALGORITHMS)
                        // RFC 7523 §3: aud identifies the server; its token endpoint URL may be used
                        .audiences(Set.of(settings.issuerId(), settings.tokenEndpoint().toString()))
                        .requiredClaims(Set.of("jti"))
                        .build())
                .clockSkew(settings.clockSkew())
                .clock(clock)
                .cacheSize(0)
                .build());
    }

    /** RFC 6749 §2.3.1: client id and secret are form-urlencoded, then joined by ':' and base64-encoded. */
    private static String[] basicCredentials(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 1) {
                return null;
            }
            return new String[] {URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Parses the form into {@code into}; returns what is wrong, or null. */
    private static String parseForm(String body, Map<String, String> into) {
        if (body.isEmpty()) {
            return null;
        }
        for (String pair : body.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name;
            String value;
            try {
                name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return "the form body has a malformed percent-encoding";
            }
            if (name.isEmpty()) {
                continue;
            }
            // RFC 6749 §3.2: parameters MUST NOT be included more than once
            if (into.put(name, value) != null) {
                return "parameter " + name + " appears more than once (RFC 6749 §3.2)";
            }
        }
        return null;
    }

    // ---- issuing -----------------------------------------------------------------------------

    private TokenResponse issue(OAuth2Client client, Set<String> scopes) {
        Instant now = clock.instant();
        Instant expires = now.plus(settings.tokenLifetime());
        ECKey key = keys.signingKey();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(settings.issuerId())
                .subject(client.id())
                .audience(new ArrayList<>(new LinkedHashSet<>(settings.audiences().stream().sorted().toList())))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .jwtID(Base62.random(random, 22))
                .claim("client_id", client.id());
        if (!scopes.isEmpty()) {
            claims.claim("scope", String.join(" ", scopes));
        }
        if (!client.roles().isEmpty()) {
            claims.claim("roles", client.roles().stream().sorted().toList());
        }
        if (client.plan() != null) {
            claims.claim(PLAN_CLAIM, client.plan());
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(new JOSEObjectType("at+jwt"))   // RFC 9068 §2.1
                .keyID(key.getKeyID()).build(), claims.build());
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an access token with key " + key.getKeyID() + ": " + e.getMessage(), e);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", jwt.serialize());
        body.put("token_type", "Bearer");
        body.put("expires_in", settings.tokenLifetime().toSeconds());
        if (!scopes.isEmpty()) {
            body.put("scope", String.join(" ", scopes));
        }
        return new TokenResponse(200, NO_STORE, JSONObjectUtils.toJSONString(body), client.id(), null,
                "issued for " + scopes.size() + " scopes");
    }

    private ClientCheck refused(int status, String error, String description, String clientId) {
        return new ClientCheck(null, error(status, error, description, clientId));
    }

    private static TokenResponse error(int status, String error, String description, String clientId) {
        Map<String, String> headers = new LinkedHashMap<>(NO_STORE);
        if (status == 401) {
            headers.put("WWW-Authenticate", BASIC_CHALLENGE);   // RFC 9110 §11.6.1: every 401 names a scheme
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        return new TokenResponse(status, Map.copyOf(headers), JSONObjectUtils.toJSONString(body), clientId, error,
                description);
    }
}
