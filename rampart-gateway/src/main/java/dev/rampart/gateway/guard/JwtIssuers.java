package dev.rampart.gateway.guard;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import dev.rampart.auth.jwt.ClaimMapping;
import dev.rampart.auth.jwt.JwtVerifier;
import dev.rampart.auth.jwt.TrustedIssuer;
import dev.rampart.core.config.JwtIssuerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns {@code jwt-issuers} entries into the {@link TrustedIssuer}s and {@link JwtVerifier}s of
 * rampart-auth. The config checks call this too, so a config that loads is one whose verifiers
 * build. Every mistake is an {@link IllegalArgumentException} whose message starts with the
 * config path it concerns, e.g. {@code jwt-issuers.corp.hmac-secret: ...}.
 */
public final class JwtIssuers {

    /** The algorithms rampart-auth verifies; {@code none} is not among them (RFC 8725 §2.1). */
    private static final Set<JWSAlgorithm> SUPPORTED;

    static {
        Set<JWSAlgorithm> all = new LinkedHashSet<>();
        all.addAll(JWSAlgorithm.Family.HMAC_SHA);
        all.addAll(JWSAlgorithm.Family.RSA);
        all.addAll(JWSAlgorithm.Family.EC);
        all.add(JWSAlgorithm.EdDSA);
        SUPPORTED = Set.copyOf(all);
    }

    private static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    private JwtIssuers() {
    }

    /**
     * The issuer as rampart-auth trusts it; reads {@code static-jwks-file}.
     *
     * @param path where the entry is in the config, e.g. {@code jwt-issuers.corp}
     * @throws IllegalArgumentException naming the key that is wrong
     */
    public static TrustedIssuer trustedIssuer(JwtIssuerConfig config, Path baseDir, String path) {
        List<JWSAlgorithm> algorithms = algorithms(config.algorithms(), path + ".algorithms");
        boolean hmac = algorithms.stream().anyMatch(JWSAlgorithm.Family.HMAC_SHA::contains);
        boolean asymmetric = algorithms.stream().anyMatch(a -> !JWSAlgorithm.Family.HMAC_SHA.contains(a));
        if (config.hmacSecret() != null && !hmac) {
            throw new IllegalArgumentException(path + ".hmac-secret: a secret is only used with HS256, HS384 or "
                    + "HS512, and algorithms lists none; remove the secret or add the HS algorithm the issuer uses");
        }
        if (hmac && config.hmacSecret() == null) {
            throw new IllegalArgumentException(path + ".algorithms: HS algorithms need the issuer's shared secret; "
                    + "add hmac-secret: ${JWT_SECRET}");
        }
        if (config.jwksUrl() != null && config.staticJwksFile() != null) {
            throw new IllegalArgumentException(path + ".static-jwks-file: give either jwks-url or static-jwks-file, "
                    + "not both");
        }
        if (asymmetric && config.jwksUrl() == null && config.staticJwksFile() == null) {
            throw new IllegalArgumentException(path + ": algorithms " + asymmetricNames(algorithms) + " need the "
                    + "issuer's public keys; give jwks-url (e.g. https://id.example.com/.well-known/jwks.json) or "
                    + "static-jwks-file");
        }
        if (config.clockSkew().isNegative() || config.clockSkew().compareTo(MAX_CLOCK_SKEW) > 0) {
            throw new IllegalArgumentException(path + ".clock-skew: must be between 0s and 5m");
        }
        TrustedIssuer.Builder builder = TrustedIssuer.builder(config.issuer())
                .algorithms(Set.copyOf(algorithms))
                .audiences(Set.copyOf(config.audiences()))
                .requiredClaims(Set.copyOf(config.requiredClaims()));
        if (config.rolesClaim() != null || !config.attributeClaims().isEmpty()) {
            ClaimMapping.Builder mapping = ClaimMapping.builder();
            if (config.rolesClaim() != null) {
                mapping.rolesClaim(config.rolesClaim());
            }
            try {
                config.attributeClaims().forEach(mapping::attribute);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(path + ".attribute-claims: " + e.getMessage()
                        + "; map each attribute name to a claim, e.g. org: org_id", e);
            }
            builder.claimMapping(mapping.build());
        }
        if (config.jwksUrl() != null) {
            builder.jwks(jwksUrl(config.jwksUrl(), path + ".jwks-url"));
        }
        if (config.staticJwksFile() != null) {
            builder.staticKeys(staticKeys(config.staticJwksFile(), baseDir, path + ".static-jwks-file"));
        }
        if (config.hmacSecret() != null) {
            byte[] secret = config.hmacSecret().getBytes(StandardCharsets.UTF_8);
            if (secret.length < 32) {
                throw new IllegalArgumentException(path + ".hmac-secret: the secret has " + secret.length * 8
                        + " bits; HS algorithms need at least 256 (RFC 7518 §3.2): use 32 or more random bytes");
            }
            builder.hmacSecret(secret);
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
    }

    /**
     * One verifier trusting the named issuers ({@code jwt-issuers} and Rampart's own authorization
     * server). The clock skew is the largest of theirs, as
     * rampart-auth applies one skew per verifier.
     *
     * @param names issuer names as a route lists them; each must be in {@code issuers}
     * @throws IllegalArgumentException when two names stand for the same {@code iss}
     */
    public static JwtVerifier verifier(List<String> names, Map<String, TrustedIssuer> trusted,
            Map<String, Duration> clockSkews) {
        JwtVerifier.Builder builder = JwtVerifier.builder();
        Duration skew = Duration.ZERO;
        Set<String> seen = new LinkedHashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                continue;
            }
            TrustedIssuer issuer = trusted.get(name);
            if (issuer == null) {
                throw new IllegalArgumentException("'" + name + "' is not one of jwt-issuers");
            }
            builder.issuer(issuer);
            Duration own = clockSkews.get(name);
            skew = own.compareTo(skew) > 0 ? own : skew;
        }
        return builder.clockSkew(skew).build();
    }

    private static List<JWSAlgorithm> algorithms(List<String> names, String path) {
        List<JWSAlgorithm> algorithms = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name.equalsIgnoreCase("none")) {
                throw new IllegalArgumentException(path + "[" + i + "]: 'none' means an unsigned token and is never "
                        + "accepted (RFC 8725 §2.1)");
            }
            JWSAlgorithm alg = JWSAlgorithm.parse(name);
            if (!SUPPORTED.contains(alg)) {
                throw new IllegalArgumentException(path + "[" + i + "]: '" + name + "' is not a supported algorithm; "
                        + "allowed: " + String.join(", ", SUPPORTED.stream().map(JWSAlgorithm::getName).sorted().toList()));
            }
            algorithms.add(alg);
        }
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException(path + ": the list is empty; name the algorithms the issuer signs "
                    + "with, e.g. [ES256]");
        }
        return algorithms;
    }

    private static String asymmetricNames(List<JWSAlgorithm> algorithms) {
        return String.join(", ", algorithms.stream().filter(a -> !JWSAlgorithm.Family.HMAC_SHA.contains(a))
                .map(JWSAlgorithm::getName).toList());
    }

    private static URI jwksUrl(String url, String path) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(path + ": '" + url + "' is not a URL", e);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(path + ": '" + url + "' is not an absolute URL; write e.g. "
                    + "https://id.example.com/.well-known/jwks.json");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        boolean loopback = uri.getHost().equalsIgnoreCase("localhost") || uri.getHost().equals("127.0.0.1")
                || uri.getHost().equals("[::1]");
        if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
            throw new IllegalArgumentException(path + ": '" + url + "' must use https (plain http only on loopback), "
                    + "or anyone on the network path could swap the keys");
        }
        return uri;
    }

    private static JWKSet staticKeys(String file, Path baseDir, String path) {
        Path resolved;
        try {
            resolved = baseDir.resolve(file).normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(path + ": '" + file + "' is not a valid path", e);
        }
        String json;
        try {
            json = Files.readString(resolved);
        } catch (IOException e) {
            throw new IllegalArgumentException(path + ": " + resolved + " cannot be read (" + e.getClass().getSimpleName()
                    + "); give a JWKS file (relative paths are relative to the config file)", e);
        }
        JWKSet keys;
        try {
            keys = JWKSet.parse(json);
        } catch (ParseException e) {
            throw new IllegalArgumentException(path + ": " + resolved + " is not a JWK set (RFC 7517 §5): "
                    + e.getMessage(), e);
        }
        if (keys.toPublicJWKSet().isEmpty()) {
            throw new IllegalArgumentException(path + ": " + resolved + " holds no public key");
        }
        return keys;
    }
}
