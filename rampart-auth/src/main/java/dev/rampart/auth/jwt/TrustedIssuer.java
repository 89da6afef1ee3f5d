package dev.rampart.auth.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One issuer whose tokens are accepted: its {@code iss} value, where its keys come from (a JWKS
 * URL or a fixed key set, and an HMAC secret only if it signs with HS*), which algorithms it may
 * use, which audiences and claims a token must carry, and how claims map to a principal.
 *
 * <p>Every choice an attacker could otherwise make through the token header is fixed here
 * (RFC 8725 §3.1): the algorithm allowlist is explicit and there is no default; keys never come
 * from the token ({@code jwk}, {@code x5c}, {@code jku}, {@code x5u}).
 */
public final class TrustedIssuer {

    /** Smallest HMAC secret: 256 bits, the HS256 output size (RFC 7518 §3.2). */
    static final int MIN_HMAC_SECRET_BYTES = 32;

    private final String issuer;
    private final URI jwksUri;
    private final JWKSet staticKeys;
    private final Supplier<JWKSet> liveKeys;
    private final byte[] hmacSecret;
    private final Set<JWSAlgorithm> algorithms;
    private final Set<String> audiences;
    private final Set<String> requiredClaims;
    private final Set<URI> allowedKeyUrls;
    private final ClaimMapping claimMapping;
    private final JwksOptions jwksOptions;

    private TrustedIssuer(Builder b) {
        this.issuer = b.issuer;
        this.jwksUri = b.jwksUri;
        this.staticKeys = b.staticKeys == null ? null : b.staticKeys.toPublicJWKSet();
        this.liveKeys = b.liveKeys;
        this.hmacSecret = b.hmacSecret;
        this.algorithms = b.algorithms;
        this.audiences = b.audiences;
        this.requiredClaims = b.requiredClaims;
        this.allowedKeyUrls = b.allowedKeyUrls;
        this.claimMapping = b.claimMapping;
        this.jwksOptions = new JwksOptions(
                b.refreshAfter, b.minRefreshInterval, b.outageTolerance, b.connectTimeout, b.readTimeout,
                b.maxJwksBytes);
    }

    /** Starts the configuration of the issuer whose tokens carry exactly this {@code iss}. */
    public static Builder builder(String issuer) {
        return new Builder(issuer);
    }

    public String issuer() {
        return issuer;
    }

    Set<JWSAlgorithm> algorithms() {
        return algorithms;
    }

    Set<String> audiences() {
        return audiences;
    }

    Set<String> requiredClaims() {
        return requiredClaims;
    }

    Set<URI> allowedKeyUrls() {
        return allowedKeyUrls;
    }

    ClaimMapping claimMapping() {
        return claimMapping;
    }

    boolean hasHmacSecret() {
        return hmacSecret != null;
    }

    byte[] hmacSecret() {
        return hmacSecret.clone();
    }

    URI jwksUri() {
        return jwksUri;
    }

    JWKSet staticKeys() {
        return staticKeys;
    }

    Supplier<JWKSet> liveKeys() {
        return liveKeys;
    }

    JwksOptions jwksOptions() {
        return jwksOptions;
    }

    record JwksOptions(
            Duration refreshAfter,
            Duration minRefreshInterval,
            Duration outageTolerance,
            Duration connectTimeout,
            Duration readTimeout,
            int maxBytes) {}

    public static final class Builder {
        private final String issuer;
        private URI jwksUri;
        private JWKSet staticKeys;
        private Supplier<JWKSet> liveKeys;
        private byte[] hmacSecret;
        private Set<JWSAlgorithm> algorithms = Set.of();
        private Set<String> audiences = Set.of();
        private Set<String> requiredClaims = Set.of();
        private Set<URI> allowedKeyUrls = Set.of();
        private ClaimMapping claimMapping = ClaimMapping.defaults();
        private Duration refreshAfter = Duration.ofMinutes(5);
        private Duration minRefreshInterval = Duration.ofSeconds(30);
        private Duration outageTolerance = Duration.ofHours(1);
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration readTimeout = Duration.ofSeconds(3);
        private int maxJwksBytes = 256 * 1024;

        private Builder(String issuer) {
            if (issuer == null || issuer.isBlank()) {
                throw new IllegalArgumentException("issuer must not be blank");
            }
            this.issuer = issuer;
        }

        /**
         * Fetches the issuer's keys from this JWKS URL (RFC 7517 §5). It must be {@code https},
         * except on a loopback host.
         */
        public Builder jwks(URI uri) {
            Objects.requireNonNull(uri, "uri");
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean loopback = "localhost".equalsIgnoreCase(uri.getHost())
                    || "127.0.0.1".equals(uri.getHost())
                    || "[::1]".equals(uri.getHost());
            if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
                throw new IllegalArgumentException("JWKS URL must be https (http only on loopback): " + uri);
            }
            this.jwksUri = uri;
            return this;
        }

        /** Uses this fixed key set; private and symmetric members are dropped, only public keys are kept. */
        public Builder staticKeys(JWKSet keys) {
            this.staticKeys = Objects.requireNonNull(keys, "keys");
            return this;
        }

        /**
         * Uses the keys {@code keys} supplies at each verification: keys held in this process that
         * change over time, such as Rampart's own rotating token-signing keys. The supplier must
         * answer from memory, without blocking; only public keys of what it returns are used.
         */
        public Builder liveKeys(Supplier<JWKSet> keys) {
            this.liveKeys = Objects.requireNonNull(keys, "keys");
            return this;
        }

        /** The shared secret for HS256/384/512, at least as long as the hash (≥ 256 bits, RFC 7518 §3.2). */
        public Builder hmacSecret(byte[] secret) {
            Objects.requireNonNull(secret, "secret");
            if (secret.length < MIN_HMAC_SECRET_BYTES) {
                throw new IllegalArgumentException(
                        "HMAC secret must be at least 256 bits, got " + secret.length * 8);
            }
            this.hmacSecret = secret.clone();
            return this;
        }

        /** The algorithms this issuer signs with. Required; {@code none} is never allowed. */
        public Builder algorithms(Set<JWSAlgorithm> algorithms) {
            this.algorithms = Set.copyOf(algorithms);
            return this;
        }

        /** Accepted {@code aud} values; a token must carry at least one (RFC 8725 §3.9). Required. */
        public Builder audiences(Set<String> audiences) {
            this.audiences = Set.copyOf(audiences);
            return this;
        }

        /** Claims that must be present besides {@code iss}, {@code aud}, {@code exp} and the subject. */
        public Builder requiredClaims(Set<String> claims) {
            this.requiredClaims = Set.copyOf(claims);
            return this;
        }

        /**
         * {@code jku}/{@code x5u} values that are tolerated in a header. Keys are still taken only
         * from {@link #jwks(URI)} or {@link #staticKeys(JWKSet)}; by default the list is empty and
         * any token with such a header is rejected.
         */
        public Builder allowedKeyUrls(Set<URI> urls) {
            this.allowedKeyUrls = Set.copyOf(urls);
            return this;
        }

        public Builder claimMapping(ClaimMapping mapping) {
            this.claimMapping = Objects.requireNonNull(mapping, "mapping");
            return this;
        }

        /**
         * JWKS caching: the set is refetched once older than {@code refreshAfter}, and also when a
         * token names an unknown {@code kid}; fetches happen at most once per {@code minInterval}.
         */
        public Builder jwksRefresh(Duration refreshAfter, Duration minInterval) {
            this.refreshAfter = requirePositive(refreshAfter, "refreshAfter");
            this.minRefreshInterval = requirePositive(minInterval, "minInterval");
            return this;
        }

        /**
         * How long past {@code refreshAfter} the last good JWKS keeps being used while the endpoint
         * fails; after that verification fails closed with {@link RejectionReason#KEYS_UNAVAILABLE}.
         */
        public Builder jwksOutageTolerance(Duration tolerance) {
            if (tolerance == null || tolerance.isNegative()) {
                throw new IllegalArgumentException("tolerance must be zero or positive");
            }
            this.outageTolerance = tolerance;
            return this;
        }

        public Builder jwksTimeouts(Duration connect, Duration read) {
            this.connectTimeout = requirePositive(connect, "connect");
            this.readTimeout = requirePositive(read, "read");
            return this;
        }

        /** Largest JWKS response accepted; 256 KiB by default. */
        public Builder jwksMaxBytes(int maxBytes) {
            if (maxBytes < 1) {
                throw new IllegalArgumentException("maxBytes must be positive");
            }
            this.maxJwksBytes = maxBytes;
            return this;
        }

        /** @throws IllegalArgumentException when the configuration would be unsafe or unusable */
        public TrustedIssuer build() {
            if (algorithms.isEmpty()) {
                throw new IllegalArgumentException(issuer + ": an explicit algorithm allowlist is required");
            }
            if (audiences.isEmpty()) {
                throw new IllegalArgumentException(issuer + ": at least one accepted audience is required");
            }
            if ((jwksUri != null ? 1 : 0) + (staticKeys != null ? 1 : 0) + (liveKeys != null ? 1 : 0) > 1) {
                throw new IllegalArgumentException(issuer + ": configure one key source: a JWKS URL, static keys or live keys");
            }
            boolean asymmetric = false;
            for (JWSAlgorithm alg : algorithms) {
                if (JWSAlgorithm.Family.HMAC_SHA.contains(alg)) {
                    if (hmacSecret == null) {
                        throw new IllegalArgumentException(issuer + ": " + alg + " needs an HMAC secret");
                    }
                    int hashBytes = Integer.parseInt(alg.getName().substring(2)) / 8;
                    if (hmacSecret.length < hashBytes) {
                        throw new IllegalArgumentException(
                                issuer + ": " + alg + " needs a secret of at least " + hashBytes * 8 + " bits");
                    }
                } else if (JWSAlgorithm.Family.RSA.contains(alg)
                        || JWSAlgorithm.Family.EC.contains(alg)
                        || JWSAlgorithm.Family.ED.contains(alg)) {
                    asymmetric = true;
                } else {
                    throw new IllegalArgumentException(issuer + ": algorithm not supported: " + alg);
                }
            }
            if (asymmetric && jwksUri == null && staticKeys == null && liveKeys == null) {
                throw new IllegalArgumentException(issuer + ": asymmetric algorithms need a JWKS URL or static keys");
            }
            if (hmacSecret != null && algorithms.stream().noneMatch(JWSAlgorithm.Family.HMAC_SHA::contains)) {
                throw new IllegalArgumentException(issuer + ": an HMAC secret is set but no HS algorithm is allowed");
            }
            return new TrustedIssuer(this);
        }

        private static Duration requirePositive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }
    }
}
