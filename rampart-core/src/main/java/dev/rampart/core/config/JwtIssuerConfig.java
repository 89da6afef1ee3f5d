package dev.rampart.core.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JWT issuer whose access tokens routes may accept ({@code jwt-issuers.<name>}): where its keys
 * are, which algorithms and audiences are accepted, and how claims become the caller's roles.
 */
public record JwtIssuerConfig(
        @Required @Doc("The issuer's identifier, compared exactly with the token's 'iss' claim, "
                + "e.g. https://id.example.com.") String issuer,
        @Doc("The issuer's JWKS URL (RFC 7517 §5), fetched and cached; https, plain http only on loopback. "
                + "Give this or static-jwks-file for RS*, PS*, ES* and EdDSA tokens.") String jwksUrl,
        @Doc("A JWKS file with the issuer's public keys (relative to the config file), instead of jwks-url.")
        String staticJwksFile,
        @Secret @Doc("The shared secret of HS256/384/512 tokens, at least 32 bytes; only with an HS algorithm. "
                + "Reference it: ${JWT_SECRET} or ${file:/run/secrets/jwt}.") String hmacSecret,
        @Required @Doc("The algorithms this issuer signs with, e.g. [ES256, RS256]; 'none' is never accepted.")
        List<String> algorithms,
        @Required @Doc("Accepted 'aud' values; a token must name at least one (RFC 8725 §3.9).") List<String> audiences,
        @Doc("Claims a token must carry besides iss, aud, exp and sub.") List<String> requiredClaims,
        @Doc("Claim holding the caller's roles (a list or a space-separated string); dotted paths reach into "
                + "objects, e.g. realm_access.roles. Default: roles.") String rolesClaim,
        @Doc("Tolerance for clock differences when checking exp, nbf and iat; at most 5m. Default 30s.")
        Duration clockSkew,
        @Doc("Claims copied into the caller's attributes for the policy (conditions, bindings by claim): attribute "
                + "name to claim, dotted paths reach into objects, e.g. {org: org_id, groups: groups}. Strings, "
                + "numbers, booleans and lists of those. Default: none.") Map<String, String> attributeClaims) {

    public JwtIssuerConfig {
        algorithms = algorithms == null ? List.of() : List.copyOf(algorithms);
        audiences = audiences == null ? List.of() : List.copyOf(audiences);
        requiredClaims = requiredClaims == null ? List.of() : List.copyOf(requiredClaims);
        clockSkew = clockSkew == null ? Duration.ofSeconds(30) : clockSkew;
        attributeClaims = attributeClaims == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(attributeClaims));
    }
}
