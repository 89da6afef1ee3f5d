package dev.rampart.core.config;

/**
 * API keys on a route ({@code authentication.api-key}): keys issued through the admin API, sent in
 * {@code header} or as {@code Authorization: Bearer rmp_...}.
 */
public record ApiKeyAuthConfig(
        @Doc("Request header that carries the API key. Default X-API-Key. The key is also accepted as "
                + "Authorization: Bearer rmp_... The header is removed before the request goes upstream.")
        String header) {

    /** The header used when none is configured. */
    public static final String DEFAULT_HEADER = "X-API-Key";

    public ApiKeyAuthConfig {
        header = header == null ? DEFAULT_HEADER : header;
    }
}
