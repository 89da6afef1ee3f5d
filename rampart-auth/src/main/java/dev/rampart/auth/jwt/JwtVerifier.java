package dev.rampart.auth.jwt;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.rampart.core.Principal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Verifies JWTs (RFC 7519) signed by configured issuers and turns them into a {@link Principal}.
 *
 * <pre>{@code
 * JwtVerifier verifier = JwtVerifier.builder()
 *     .issuer(TrustedIssuer.builder("https://id.example.com")
 *         .jwks(URI.create("https://id.example.com/.well-known/jwks.json"))
 *         .algorithms(Set.of(JWSAlgorithm.ES256))
 *         .audiences(Set.of("orders-api"))
 *         .build())
 *     .build();
 * VerifiedToken token = verifier.verify(compactJwt); // or JwtRejectedException with a reason
 * }</pre>
 *
 * <p>Thread-safe. {@link #verify} blocks only when the token's issuer needs its JWKS fetched
 * (first use, refresh due, or an unknown {@code kid}); everything else is CPU work. An event loop
 * should call {@link #verifyAsync}, which runs on the caller's thread when no fetch is needed and
 * on the given executor otherwise, or ask {@link #wouldFetchKeys} itself.
 *
 * <p>Successful results are cached by the SHA-256 of the token: a hot token costs a hash and a
 * lookup. A cache entry never outlives the token's {@code exp} nor {@code maxCacheAge}, and the
 * revocation list is consulted on every hit.
 */
public final class JwtVerifier {

    /** Default largest token: 8 KiB, above any real header (most servers cap headers at 8 KiB). */
    public static final int DEFAULT_MAX_TOKEN_BYTES = 8 * 1024;

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    });

    private record IssuerRuntime(TrustedIssuer config, KeySource keys, Map<JWK, JWSVerifier> verifiers) {}

    private record CacheEntry(VerifiedToken token, Instant notAfter) {}

    private final Map<String, IssuerRuntime> issuers;
    private final Duration clockSkew;
    private final RevocationList revocations;
    private final int maxTokenBytes;
    private final Duration maxCacheAge;
    private final Clock clock;
    private final Cache<ByteBuffer, CacheEntry> cache;

    private JwtVerifier(Builder b) {
        Map<String, IssuerRuntime> byIssuer = new HashMap<>();
        for (TrustedIssuer issuer : b.issuers.values()) {
            KeySource keys;
            if (issuer.jwksUri() != null) {
                keys = new RemoteJwks(issuer.jwksUri(), issuer.jwksOptions());
            } else if (issuer.liveKeys() != null) {
                keys = new KeySource.Live(issuer.liveKeys());
            } else if (issuer.staticKeys() != null) {
                keys = new KeySource.Static(issuer.staticKeys());
            } else {
                keys = new KeySource.Static(new com.nimbusds.jose.jwk.JWKSet());
            }
            byIssuer.put(issuer.issuer(), new IssuerRuntime(issuer, keys, JwsChecks.newVerifierCache()));
        }
        this.issuers = Map.copyOf(byIssuer);
        this.clockSkew = b.clockSkew;
        this.revocations = b.revocations;
        this.maxTokenBytes = b.maxTokenBytes;
        this.maxCacheAge = b.maxCacheAge;
        this.clock = b.clock;
        this.cache = b.cacheSize == 0 ? null : Caffeine.newBuilder()
                .maximumSize(b.cacheSize)
                .expireAfter(new Expiry<ByteBuffer, CacheEntry>() {
                    @Override
                    public long expireAfterCreate(ByteBuffer key, CacheEntry value, long currentTime) {
                        return Math.max(0, Duration.between(clock.instant(), value.notAfter()).toNanos());
                    }

                    @Override
                    public long expireAfterUpdate(ByteBuffer key, CacheEntry value, long currentTime, long duration) {
                        return expireAfterCreate(key, value, currentTime);
                    }

                    @Override
                    public long expireAfterRead(ByteBuffer key, CacheEntry value, long currentTime, long duration) {
                        return duration;
                    }
                })
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Verifies {@code compactJwt} and returns who it speaks for.
     *
     * @throws JwtRejectedException with the reason when the token is not accepted
     */
    public VerifiedToken verify(String compactJwt) throws JwtRejectedException {
        requireWithinSize(compactJwt);
        Instant now = clock.instant();
        ByteBuffer key = null;
        if (cache != null) {
            key = sha256(compactJwt);
            CacheEntry hit = cache.getIfPresent(key);
            if (hit != null) {
                if (now.isBefore(hit.notAfter())) {
                    requireNotRevoked(hit.token().jti());
                    return hit.token();
                }
                cache.invalidate(key);
            }
        }
        VerifiedToken token = verifyUncached(compactJwt, now);
        if (cache != null) {
            Instant notAfter = token.expiresAt();
            Instant ageLimit = now.plus(maxCacheAge);
            cache.put(key, new CacheEntry(token, notAfter.isBefore(ageLimit) ? notAfter : ageLimit));
        }
        return token;
    }

    /**
     * Verifies on the calling thread when no key fetch is needed (cache hit, fresh keys, or a
     * token rejected before keys matter), else on {@code blockingExecutor}. The future fails with
     * {@link JwtRejectedException} when the token is rejected.
     */
    public CompletableFuture<VerifiedToken> verifyAsync(String compactJwt, Executor blockingExecutor) {
        Objects.requireNonNull(blockingExecutor, "blockingExecutor");
        if (!wouldFetchKeys(compactJwt)) {
            return completeNow(compactJwt);
        }
        CompletableFuture<VerifiedToken> result = new CompletableFuture<>();
        blockingExecutor.execute(() -> completeNow(compactJwt).whenComplete((t, e) -> {
            if (e != null) {
                result.completeExceptionally(e);
            } else {
                result.complete(t);
            }
        }));
        return result;
    }

    /**
     * Whether {@link #verify} would fetch a JWKS (network I/O) for this token now. False for
     * cached tokens, for issuers with static keys or fresh keys holding the token's {@code kid},
     * and for tokens rejected before a key is needed.
     */
    public boolean wouldFetchKeys(String compactJwt) {
        try {
            requireWithinSize(compactJwt);
            if (cache != null && cache.getIfPresent(sha256(compactJwt)) != null) {
                return false;
            }
            JWSObject jws = JwsChecks.parse(compactJwt);
            IssuerRuntime issuer = issuerOf(unverifiedClaims(jws));
            if (com.nimbusds.jose.JWSAlgorithm.Family.HMAC_SHA.contains(jws.getHeader().getAlgorithm())) {
                return false;
            }
            return issuer.keys().wouldFetch(JWKMatcher.forJWSHeader(jws.getHeader()), clock.instant());
        } catch (JwtRejectedException e) {
            return false;
        }
    }

    private CompletableFuture<VerifiedToken> completeNow(String compactJwt) {
        try {
            return CompletableFuture.completedFuture(verify(compactJwt));
        } catch (JwtRejectedException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private VerifiedToken verifyUncached(String compactJwt, Instant now) throws JwtRejectedException {
        JWSObject jws = JwsChecks.parse(compactJwt);
        JWTClaimsSet claims = unverifiedClaims(jws);
        // The unverified iss only picks the key set; an unknown issuer is rejected before any fetch.
        IssuerRuntime issuer = issuerOf(claims);
        verifySignature(jws, issuer, now);
        return checkClaims(claims, issuer.config(), now);
    }

    /**
     * The signature half of {@link #verify} for a JWS whose payload need not be a claims set:
     * the size limit, {@link JwsChecks#parse} and {@link JwsChecks#verifySignature} with the named
     * issuer's keys. The Wycheproof test drives this path.
     */
    JWSObject verifySignatureOnly(String compactJws, String issuerName) throws JwtRejectedException {
        requireWithinSize(compactJws);
        JWSObject jws = JwsChecks.parse(compactJws);
        verifySignature(jws, issuers.get(issuerName), clock.instant());
        return jws;
    }

    private static void verifySignature(JWSObject jws, IssuerRuntime issuer, Instant now) throws JwtRejectedException {
        JwsChecks.verifySignature(jws, issuer.config(), issuer.keys(), now, issuer.verifiers());
        if (issuer.verifiers().size() > 64) {
            issuer.verifiers().clear(); // keys rotated many times: drop the verifiers of retired keys
        }
    }

    private VerifiedToken checkClaims(JWTClaimsSet claims, TrustedIssuer issuer, Instant now)
            throws JwtRejectedException {
        // RFC 7519 §4.1.4: reject on or after exp, allowing a small skew; a token without exp is never accepted.
        Instant exp = instant(claims.getExpirationTime());
        if (exp == null) {
            throw new JwtRejectedException(RejectionReason.MISSING_CLAIM, "exp is required");
        }
        if (!now.isBefore(exp.plus(clockSkew))) {
            throw new JwtRejectedException(RejectionReason.EXPIRED, "token expired");
        }
        Instant nbf = instant(claims.getNotBeforeTime());
        if (nbf != null && now.plus(clockSkew).isBefore(nbf)) {
            throw new JwtRejectedException(RejectionReason.NOT_YET_VALID, "token not valid yet (nbf)");
        }
        Instant iat = instant(claims.getIssueTime());
        if (iat != null && iat.isAfter(now.plus(clockSkew))) {
            throw new JwtRejectedException(RejectionReason.ISSUED_IN_FUTURE, "iat is in the future");
        }
        List<String> aud = claims.getAudience();
        if (aud.stream().noneMatch(issuer.audiences()::contains)) {
            throw new JwtRejectedException(RejectionReason.AUDIENCE_MISMATCH, "no accepted audience in aud");
        }
        for (String required : issuer.requiredClaims()) {
            if (claims.getClaim(required) == null) {
                throw new JwtRejectedException(
                        RejectionReason.MISSING_CLAIM, "required claim missing: " + required);
            }
        }
        Optional<String> jti = Optional.ofNullable(claims.getJWTID());
        requireNotRevoked(jti);
        Principal principal = ClaimsToPrincipal.map(claims, issuer.claimMapping());
        return new VerifiedToken(issuer.issuer(), principal, new LinkedHashSet<>(aud), exp, jti);
    }

    private void requireNotRevoked(Optional<String> jti) throws JwtRejectedException {
        if (jti.isPresent() && revocations.isRevoked(jti.get())) {
            throw new JwtRejectedException(RejectionReason.REVOKED, "jti is revoked");
        }
    }

    private IssuerRuntime issuerOf(JWTClaimsSet claims) throws JwtRejectedException {
        String iss = claims.getIssuer();
        IssuerRuntime issuer = iss == null ? null : issuers.get(iss);
        if (issuer == null) {
            throw new JwtRejectedException(RejectionReason.UNKNOWN_ISSUER, "iss is missing or not a trusted issuer");
        }
        return issuer;
    }

    private static JWTClaimsSet unverifiedClaims(JWSObject jws) throws JwtRejectedException {
        Map<String, Object> json = jws.getPayload().toJSONObject();
        if (json == null) {
            throw new JwtRejectedException(RejectionReason.MALFORMED, "payload is not a JSON object");
        }
        try {
            return JWTClaimsSet.parse(json);
        } catch (ParseException e) {
            throw new JwtRejectedException(RejectionReason.MALFORMED, "a registered claim has the wrong type");
        }
    }

    private void requireWithinSize(String compactJwt) throws JwtRejectedException {
        if (compactJwt == null || compactJwt.isEmpty()) {
            throw new JwtRejectedException(RejectionReason.MALFORMED, "no token");
        }
        // Checked before any parsing: a huge token must not cost base64 or JSON work.
        if (compactJwt.length() > maxTokenBytes) {
            throw new JwtRejectedException(
                    RejectionReason.TOKEN_TOO_LARGE, "token longer than " + maxTokenBytes + " bytes");
        }
    }

    private static ByteBuffer sha256(String token) {
        MessageDigest digest = SHA256.get();
        return ByteBuffer.wrap(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    public static final class Builder {
        private final Map<String, TrustedIssuer> issuers = new LinkedHashMap<>();
        private Duration clockSkew = Duration.ofSeconds(30);
        private RevocationList revocations = RevocationList.none();
        private int cacheSize = 10_000;
        private Duration maxCacheAge = Duration.ofMinutes(5);
        private int maxTokenBytes = DEFAULT_MAX_TOKEN_BYTES;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** Trusts tokens of this issuer; each {@code iss} once. */
        public Builder issuer(TrustedIssuer issuer) {
            Objects.requireNonNull(issuer, "issuer");
            if (issuers.putIfAbsent(issuer.issuer(), issuer) != null) {
                throw new IllegalArgumentException("issuer configured twice: " + issuer.issuer());
            }
            return this;
        }

        /** Tolerance for clocks that disagree, applied to exp, nbf and iat; 30 s by default, at most 5 min. */
        public Builder clockSkew(Duration skew) {
            if (skew == null || skew.isNegative() || skew.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new IllegalArgumentException("clock skew must be between 0 and 5 minutes");
            }
            this.clockSkew = skew;
            return this;
        }

        public Builder revocations(RevocationList revocations) {
            this.revocations = Objects.requireNonNull(revocations, "revocations");
            return this;
        }

        /** Number of verified tokens remembered; 10,000 by default, 0 turns the cache off. */
        public Builder cacheSize(int entries) {
            if (entries < 0) {
                throw new IllegalArgumentException("cache size must not be negative");
            }
            this.cacheSize = entries;
            return this;
        }

        /**
         * Longest time a verified token is served from the cache (bounded also by its exp), so a
         * key withdrawn from the JWKS stops covering cached tokens; 5 minutes by default.
         */
        public Builder maxCacheAge(Duration age) {
            if (age == null || age.isNegative() || age.isZero()) {
                throw new IllegalArgumentException("max cache age must be positive");
            }
            this.maxCacheAge = age;
            return this;
        }

        /** Tokens longer than this are rejected before parsing; 8 KiB by default. */
        public Builder maxTokenBytes(int bytes) {
            if (bytes < 64) {
                throw new IllegalArgumentException("max token size must be at least 64 bytes");
            }
            this.maxTokenBytes = bytes;
            return this;
        }

        /** The time source for exp/nbf/iat, the cache and JWKS refreshes (tests). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public JwtVerifier build() {
            if (issuers.isEmpty()) {
                throw new IllegalArgumentException("at least one trusted issuer is required");
            }
            return new JwtVerifier(this);
        }
    }
}
