package dev.rampart.core.config;

import java.time.Duration;
import java.util.List;

/**
 * Rampart as an OAuth2 authorization server for machine clients ({@code oauth2-server:}): the
 * client-credentials grant at {@code <issuer path>/oauth2/token}, its keys at
 * {@code /.well-known/jwks.json} and RFC 8414 metadata at
 * {@code /.well-known/oauth-authorization-server}, served on the client listeners. Routes accept
 * its tokens with {@code authentication.jwt: [rampart]}.
 */
public record OAuth2ServerConfig(
        @Required @Doc("The issuer: the 'iss' of the tokens and the public base URL of the endpoints, "
                + "e.g. https://api.example.com; https (http only on loopback), no query.") String issuer,
        @Required @Doc("The 'aud' of the tokens: the APIs that accept them, e.g. [https://api.example.com].")
        List<String> audiences,
        @Doc("How long an access token is valid, 1m to 24h. Default 5m: short, so a revoked client's tokens "
                + "stop working soon.") Duration tokenLifetime,
        @Doc("How long a signing key signs before the next takes over (at least 1h). Default 30d; the next "
                + "key is published a tenth of this period (at most a day) before it is used.") Duration keyRotation,
        @Doc("Tolerance for clock differences when checking client assertions (private_key_jwt), at most 5m. "
                + "Default 30s.") Duration clockSkew) {

    /** The name under which routes accept this server's tokens in {@code authentication.jwt}. */
    public static final String ISSUER_NAME = "rampart";

    public OAuth2ServerConfig {
        audiences = audiences == null ? List.of() : List.copyOf(audiences);
        tokenLifetime = tokenLifetime == null ? Duration.ofMinutes(5) : tokenLifetime;
        keyRotation = keyRotation == null ? Duration.ofDays(30) : keyRotation;
        clockSkew = clockSkew == null ? Duration.ofSeconds(30) : clockSkew;
    }
}
