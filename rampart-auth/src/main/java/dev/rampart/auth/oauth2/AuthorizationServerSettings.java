package dev.rampart.auth.oauth2;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Rampart as an OAuth2 authorization server for machine clients: who it is, for whom its tokens
 * are, how long they live.
 *
 * @param issuer the {@code iss} of its tokens and the base of its endpoints, e.g.
 *     {@code https://api.example.com}; https (http only on loopback), no query or fragment
 *     (RFC 8414 §2)
 * @param audiences the {@code aud} of its tokens: the APIs that accept them
 * @param tokenLifetime how long an access token is valid (1 minute to 24 hours)
 * @param keyRotation how long a signing key signs before the next one takes over
 * @param clockSkew tolerance when checking client assertions' {@code exp}, {@code nbf}, {@code iat}
 * @throws IllegalArgumentException naming the setting that is wrong
 */
public record AuthorizationServerSettings(URI issuer, Set<String> audiences, Duration tokenLifetime,
        Duration keyRotation, Duration clockSkew) {

    /** Where the token endpoint is, below the issuer's path. */
    public static final String TOKEN_PATH = "/oauth2/token";
    /** Where the signing keys are published, below the issuer's path. */
    public static final String JWKS_PATH = "/.well-known/jwks.json";
    /** RFC 8414 §3: the metadata's well-known path, followed by the issuer's path. */
    public static final String METADATA_PATH = "/.well-known/oauth-authorization-server";

    public AuthorizationServerSettings {
        Objects.requireNonNull(issuer, "issuer");
        String scheme = issuer.getScheme() == null ? "" : issuer.getScheme().toLowerCase(Locale.ROOT);
        String host = issuer.getHost();
        boolean loopback = "localhost".equalsIgnoreCase(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
        if (host == null || !(scheme.equals("https") || scheme.equals("http") && loopback)) {
            throw new IllegalArgumentException("issuer: '" + issuer + "' must be an absolute https URL (http only on "
                    + "loopback), e.g. https://api.example.com");
        }
        if (issuer.getRawQuery() != null || issuer.getRawFragment() != null) {
            throw new IllegalArgumentException("issuer: '" + issuer + "' must have no query or fragment (RFC 8414 §2)");
        }
        audiences = Set.copyOf(audiences == null ? Set.of() : audiences);
        if (audiences.isEmpty()) {
            throw new IllegalArgumentException("audiences: name at least one API that accepts the tokens, "
                    + "e.g. [https://api.example.com] (RFC 9068 §3)");
        }
        if (tokenLifetime.compareTo(Duration.ofMinutes(1)) < 0 || tokenLifetime.compareTo(Duration.ofHours(24)) > 0) {
            throw new IllegalArgumentException("token-lifetime: must be between 1m and 24h, got " + tokenLifetime);
        }
        if (keyRotation.compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalArgumentException("key-rotation: must be at least 1h, got " + keyRotation);
        }
        if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("clock-skew: must be between 0s and 5m, got " + clockSkew);
        }
    }

    /** The issuer as tokens carry it, without a trailing slash. */
    public String issuerId() {
        String s = issuer.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** The issuer's path (empty or starting with '/', no trailing slash). */
    public String issuerPath() {
        String path = issuer.getRawPath() == null ? "" : issuer.getRawPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    public String tokenEndpointPath() {
        return issuerPath() + TOKEN_PATH;
    }

    public String jwksPath() {
        return issuerPath() + JWKS_PATH;
    }

    public String metadataPath() {
        return METADATA_PATH + issuerPath();
    }

    public URI tokenEndpoint() {
        return absolute(tokenEndpointPath());
    }

    public URI jwksUri() {
        return absolute(jwksPath());
    }

    private URI absolute(String path) {
        try {
            return new URI(issuer.getScheme(), issuer.getRawAuthority(), path, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
