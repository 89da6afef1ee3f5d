package dev.rampart.auth.oauth2;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.util.Objects;
import java.util.Set;

/**
 * What is needed to register an OAuth2 client.
 *
 * @param jwks for {@link ClientAuthMethod#PRIVATE_KEY_JWT}: the client's public keys, each with a
 *     {@code kid}; must be {@code null} for {@link ClientAuthMethod#CLIENT_SECRET}
 * @param plan the client's rate-limit plan, carried in its tokens as claim {@code plan} and so in its
 *     principal's {@code plan} attribute; {@code null}: the default plan
 * @throws IllegalArgumentException saying which field is wrong and what is allowed
 */
public record NewOAuth2Client(String name, ClientAuthMethod authMethod, JWKSet jwks, Set<String> scopes,
        Set<String> roles, String plan) {

    /** A client on the default rate-limit plan. */
    public NewOAuth2Client(String name, ClientAuthMethod authMethod, JWKSet jwks, Set<String> scopes,
            Set<String> roles) {
        this(name, authMethod, jwks, scopes, roles, null);
    }

    public NewOAuth2Client {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("name: give the client a name of 1 to 200 characters");
        }
        Objects.requireNonNull(authMethod, "authMethod");
        scopes = Set.copyOf(scopes == null ? Set.of() : scopes);
        roles = Set.copyOf(roles == null ? Set.of() : roles);
        scopes.forEach(s -> Scopes.requireToken(s, "scopes"));
        roles.forEach(r -> Scopes.requireToken(r, "roles"));
        if (plan != null) {
            Scopes.requireToken(plan, "plan");
        }
        if (authMethod == ClientAuthMethod.PRIVATE_KEY_JWT) {
            if (jwks == null || jwks.getKeys().isEmpty()) {
                throw new IllegalArgumentException("jwks: a private_key_jwt client needs its public keys as a JWK set "
                        + "(RFC 7517 §5), e.g. {\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"k1\",...}]}");
            }
            for (JWK key : jwks.getKeys()) {
                if (key.isPrivate()) {
                    throw new IllegalArgumentException("jwks: key '" + key.getKeyID() + "' contains private key material; "
                            + "register only the public key and keep the private one with the client");
                }
                if (key.getKeyID() == null || key.getKeyID().isBlank()) {
                    throw new IllegalArgumentException("jwks: every key needs a 'kid', so the client can rotate keys");
                }
                if (key.getKeyType() == com.nimbusds.jose.jwk.KeyType.OCT) {
                    throw new IllegalArgumentException("jwks: key '" + key.getKeyID() + "' is symmetric (kty oct); "
                            + "private_key_jwt needs an RSA, EC or OKP public key");
                }
            }
        } else if (jwks != null) {
            throw new IllegalArgumentException("jwks: only a private_key_jwt client has keys; a client_secret client "
                    + "authenticates with the secret it is given");
        }
    }
}
