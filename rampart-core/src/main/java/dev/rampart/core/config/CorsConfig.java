package dev.rampart.core.config;

import java.time.Duration;
import java.util.List;

/**
 * Cross-origin resource sharing for a route (Fetch standard, "CORS protocol"). Preflights are
 * answered by the gateway before authentication.
 */
public record CorsConfig(
        @Required @Doc("Origins allowed, exact ('https://app.example.com'), with a subdomain wildcard "
                + "('https://*.example.com'), or '*' (not allowed together with allow-credentials).")
        List<String> allowedOrigins,
        @Doc("Methods allowed cross-origin. Default [GET, HEAD, POST].") List<String> allowedMethods,
        @Doc("Request headers allowed cross-origin (case-insensitive). Default [Content-Type, Authorization].")
        List<String> allowedHeaders,
        @Doc("Response headers the browser may expose to scripts. Default none.") List<String> exposedHeaders,
        @Doc("Allow cookies and HTTP auth cross-origin. Default false.") Boolean allowCredentials,
        @Doc("How long a browser may cache a preflight answer. Default 10m.") Duration maxAge,
        @Doc("Answer Private Network Access preflights (Access-Control-Allow-Private-Network). Default false.")
        Boolean allowPrivateNetwork) {

    public CorsConfig {
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        allowedMethods = allowedMethods == null ? List.of("GET", "HEAD", "POST") : List.copyOf(allowedMethods);
        allowedHeaders = allowedHeaders == null ? List.of("Content-Type", "Authorization") : List.copyOf(allowedHeaders);
        exposedHeaders = exposedHeaders == null ? List.of() : List.copyOf(exposedHeaders);
        allowCredentials = allowCredentials == null ? Boolean.FALSE : allowCredentials;
        maxAge = maxAge == null ? Duration.ofMinutes(10) : maxAge;
        allowPrivateNetwork = allowPrivateNetwork == null ? Boolean.FALSE : allowPrivateNetwork;
    }
}
