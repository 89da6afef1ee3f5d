package dev.rampart.auth.introspection;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import dev.rampart.core.Principal;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks opaque access tokens with the authorization server that issued them (RFC 7662), through
 * the Nimbus OAuth2 SDK, and remembers the answers: an active token until its {@code exp} or the
 * endpoint's {@code maxCacheTime}, whichever is sooner; an inactive one for
 * {@value #INACTIVE_CACHE_SECONDS} seconds, so a flood of bad tokens does not become a flood of
 * introspection calls. Failures to reach the server are not cached and fail closed.
 *
 * <p>The cache is keyed by the token's SHA-256, so no token is held in memory longer than a
 * request. {@link #introspect} blocks on a cache miss (an HTTP call): call it from a worker thread.
 * Thread-safe.
 */
public final class TokenIntrospector {

    /** The {@link Principal#authenticator()} of principals established by introspection. */
    public static final String AUTHENTICATOR = "introspection";
    static final long INACTIVE_CACHE_SECONDS = 10;
    private static final int CACHE_SIZE = 100_000;

    private record Cached(IntrospectionResult result, Instant until) {
    }

    private final IntrospectionEndpoint endpoint;
    private final Clock clock;
    private final ClientSecretBasic credentials;
    private final Cache<ByteBuffer, Cached> cache;

    public TokenIntrospector(IntrospectionEndpoint endpoint, Clock clock) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.credentials = new ClientSecretBasic(new ClientID(endpoint.clientId()), new Secret(endpoint.clientSecret()));
        this.cache = Caffeine.newBuilder().maximumSize(CACHE_SIZE).expireAfter(new Expiry<ByteBuffer, Cached>() {
            @Override
            public long expireAfterCreate(ByteBuffer key, Cached value, long currentTime) {
                return Math.max(0, Duration.between(clock.instant(), value.until()).toNanos());
            }

            @Override
            public long expireAfterUpdate(ByteBuffer key, Cached value, long currentTime, long currentDuration) {
                return expireAfterCreate(key, value, currentTime);
            }

            @Override
            public long expireAfterRead(ByteBuffer key, Cached value, long currentTime, long currentDuration) {
                return currentDuration;
            }
        }).build();
    }

    /** Whether {@link #introspect} would answer from memory, without an HTTP call. */
    public boolean isCached(String token) {
        Cached c = cache.getIfPresent(key(token));
        return c != null && c.until().isAfter(clock.instant());
    }

    /** What the authorization server says of {@code token}, from the cache when it can. Never throws for a bad token. */
    public IntrospectionResult introspect(String token) {
        ByteBuffer key = key(token);
        Instant now = clock.instant();
        Cached cached = cache.getIfPresent(key);
        if (cached != null && cached.until().isAfter(now)) {
            return cached.result();
        }
        IntrospectionResult result = ask(token, now);
        if (result instanceof IntrospectionResult.Active active) {
            Instant bound = now.plus(endpoint.maxCacheTime());
            Instant until = active.expiresAt() != null && active.expiresAt().isBefore(bound) ? active.expiresAt() : bound;
            cache.put(key, new Cached(result, until));
        } else if (result instanceof IntrospectionResult.Inactive) {
            cache.put(key, new Cached(result, now.plusSeconds(INACTIVE_CACHE_SECONDS)));
        }
        return result;
    }

    private IntrospectionResult ask(String token, Instant now) {
        TokenIntrospectionResponse response;
        try {
            HTTPRequest http = new TokenIntrospectionRequest(endpoint.url(), credentials, new BearerAccessToken(token))
                    .toHTTPRequest();
            http.setConnectTimeout((int) endpoint.timeout().toMillis());
            http.setReadTimeout((int) endpoint.timeout().toMillis());
            response = TokenIntrospectionResponse.parse(http.send());
        } catch (IOException e) {
            return new IntrospectionResult.Unavailable("introspection endpoint unreachable: " + e.getClass().getSimpleName());
        } catch (ParseException e) {
            return new IntrospectionResult.Unavailable("introspection endpoint answered what is not RFC 7662: "
                    + e.getMessage());
        }
        if (!response.indicatesSuccess()) {
            return new IntrospectionResult.Unavailable("introspection endpoint refused the call: "
                    + response.toErrorResponse().getErrorObject().getHTTPStatusCode() + " "
                    + response.toErrorResponse().getErrorObject().getCode());
        }
        TokenIntrospectionSuccessResponse answer = response.toSuccessResponse();
        if (!answer.isActive()) {
            return new IntrospectionResult.Inactive("not-active");
        }
        Instant expires = answer.getExpirationTime() == null ? null : answer.getExpirationTime().toInstant();
        if (expires != null && !expires.isAfter(now)) {
            return new IntrospectionResult.Inactive("expired");   // RFC 7662 §4: do not trust a stale "active"
        }
        if (answer.getNotBeforeTime() != null && answer.getNotBeforeTime().toInstant().isAfter(now)) {
            return new IntrospectionResult.Inactive("not-yet-valid");
        }
        if (!endpoint.audiences().isEmpty()) {
            List<Audience> audiences = answer.getAudience();
            boolean ours = audiences != null && audiences.stream().anyMatch(a -> endpoint.audiences().contains(a.getValue()));
            if (!ours) {
                return new IntrospectionResult.Inactive("wrong-audience");
            }
        }
        return new IntrospectionResult.Active(principal(answer), expires);
    }

    private Principal principal(TokenIntrospectionSuccessResponse answer) {
        String id = answer.getSubject() != null ? answer.getSubject().getValue()
                : answer.getUsername() != null ? answer.getUsername()
                : answer.getClientID() != null ? answer.getClientID().getValue() : "unknown";
        Set<String> scopes = answer.getScope() == null ? Set.of() : new LinkedHashSet<>(answer.getScope().toStringList());
        Map<String, Object> attributes = new LinkedHashMap<>();
        if (answer.getClientID() != null) {
            attributes.put("client_id", answer.getClientID().getValue());
        }
        if (answer.getIssuer() != null) {
            attributes.put("iss", answer.getIssuer().getValue());
        }
        Principal.Type type = answer.getSubject() == null && answer.getUsername() == null ? Principal.Type.CLIENT
                : Principal.Type.USER;
        return new Principal(id, type, AUTHENTICATOR, roles(answer.toJSONObject().get(endpoint.rolesClaim())), scopes,
                attributes);
    }

    private static Set<String> roles(Object claim) {
        Set<String> roles = new LinkedHashSet<>();
        if (claim instanceof String s) {
            for (String r : s.split(" ")) {
                if (!r.isBlank()) {
                    roles.add(r);
                }
            }
        } else if (claim instanceof List<?> list) {
            list.stream().filter(String.class::isInstance).map(String.class::cast).forEach(roles::add);
        }
        return roles;
    }

    private static ByteBuffer key(String token) {
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
