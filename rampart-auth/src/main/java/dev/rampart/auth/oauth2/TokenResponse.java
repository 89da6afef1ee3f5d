package dev.rampart.auth.oauth2;

import java.util.Map;

/**
 * What the token endpoint answers (RFC 6749 §5.1 on success, §5.2 on error), and what happened,
 * for the security event.
 *
 * @param headers response headers besides {@code Content-Type: application/json}
 * @param json the response body
 * @param clientId the client that asked, when known (never a secret)
 * @param error the RFC 6749 §5.2 error code, or {@code null} when a token was issued
 * @param reason why, in words safe to log (never a secret)
 */
public record TokenResponse(int status, Map<String, String> headers, String json, String clientId, String error,
        String reason) {

    public boolean issued() {
        return error == null;
    }
}
