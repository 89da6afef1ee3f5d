package dev.rampart.auth.jwt;

import dev.rampart.core.Principal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A token whose signature, issuer, audience, lifetime and revocation status have been checked.
 *
 * @param issuer the {@code iss} of the token, one of the configured issuers
 * @param principal the caller, built with the issuer's {@link ClaimMapping}; its authenticator is
 *     {@code "jwt"}
 * @param audiences the token's {@code aud} values
 * @param expiresAt the token's {@code exp}
 * @param jti the token's {@code jti}, if any
 */
public record VerifiedToken(
        String issuer, Principal principal, Set<String> audiences, Instant expiresAt, Optional<String> jti) {

    /** The authenticator name put in every {@link Principal} this library produces. */
    public static final String AUTHENTICATOR = "jwt";

    public VerifiedToken {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(principal, "principal");
        audiences = Set.copyOf(audiences);
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(jti, "jti");
    }
}
