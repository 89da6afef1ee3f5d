package dev.rampart.auth.oauth2;

/**
 * A request to the token endpoint as it arrived, before any parsing.
 *
 * @param contentType the {@code Content-Type} header, or {@code null}
 * @param authorization the {@code Authorization} header, or {@code null}
 * @param body the form body ({@code application/x-www-form-urlencoded}), as text
 */
public record TokenRequest(String contentType, String authorization, String body) {

    @Override
    public String toString() {
        return "TokenRequest[contentType=" + contentType + ", authorization=" + (authorization == null ? "none" : "***")
                + ", body=" + (body == null ? 0 : body.length()) + " chars]";   // the body holds secrets
    }
}
