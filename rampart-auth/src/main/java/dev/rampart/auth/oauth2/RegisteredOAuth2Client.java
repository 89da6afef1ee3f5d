package dev.rampart.auth.oauth2;

/**
 * A client just registered or given a new secret.
 *
 * @param secretShownOnce the client secret, for {@link ClientAuthMethod#CLIENT_SECRET} clients
 *     ({@code null} for {@code private_key_jwt}): the only copy, show it once
 */
public record RegisteredOAuth2Client(OAuth2Client client, String secretShownOnce) {

    @Override
    public String toString() {
        return "RegisteredOAuth2Client[client=" + client + ", secretShownOnce=" + (secretShownOnce == null ? "none" : "***")
                + "]";
    }
}
