package dev.rampart.auth.oauth2;

import com.nimbusds.jose.jwk.JWKSet;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A registered OAuth2 client, without its secret or the secret's hash: safe to show in the admin
 * API and in logs.
 *
 * @param id the {@code client_id} (RFC 6749 §2.2)
 * @param jwks the client's public keys for {@link ClientAuthMethod#PRIVATE_KEY_JWT}, else {@code null}
 * @param scopes the scopes the client may be granted; a token request for any other is refused
 * @param roles roles its access tokens carry (claim {@code roles}) for authorization
 * @param previousSecretValidUntil after a secret rotation, until when the replaced secret works
 * @param plan its rate-limit plan (claim {@code plan} of its tokens), or {@code null} for the default plan
 */
public record OAuth2Client(
        String id,
        String name,
        ClientAuthMethod authMethod,
        JWKSet jwks,
        Set<String> scopes,
        Set<String> roles,
        Instant createdAt,
        boolean enabled,
        Instant previousSecretValidUntil,
        Instant revokedAt,
        String plan) {

    public OAuth2Client {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(authMethod, "authMethod");
        scopes = Set.copyOf(scopes);
        roles = Set.copyOf(roles);
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean revoked() {
        return revokedAt != null;
    }
}
