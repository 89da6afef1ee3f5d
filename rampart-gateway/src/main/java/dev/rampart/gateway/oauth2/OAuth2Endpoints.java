package dev.rampart.gateway.oauth2;

import dev.rampart.auth.oauth2.AuthorizationServer;
import dev.rampart.auth.oauth2.AuthorizationServerSettings;
import dev.rampart.auth.oauth2.TokenRequest;
import dev.rampart.auth.oauth2.TokenResponse;
import dev.rampart.core.Exchange;
import dev.rampart.core.SecurityEvent;
import dev.rampart.core.config.OAuth2ServerConfig;
import dev.rampart.gateway.proxy.LocalEndpoint;
import io.vertx.core.WorkerExecutor;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The endpoints of Rampart's OAuth2 authorization server on the client listeners: the token
 * endpoint (POST, a form of at most {@value #MAX_TOKEN_REQUEST_BYTES} bytes, answered on the
 * authentication worker pool), the JWKS and the RFC 8414 metadata (GET, from memory). Every token
 * request emits {@code oauth2.token.issued} or {@code oauth2.token.refused}.
 */
public final class OAuth2Endpoints {

    /** A client-credentials request is a few hundred bytes; a client assertion a few kilobytes. */
    static final int MAX_TOKEN_REQUEST_BYTES = 16 * 1024;
    private static final String JSON = "application/json";
    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD");

    private OAuth2Endpoints() {
    }

    /**
     * The settings of {@code config}.
     *
     * @throws IllegalArgumentException whose message starts with the config path of what is wrong
     */
    public static AuthorizationServerSettings settings(OAuth2ServerConfig config) {
        try {
            URI issuer = new URI(config.issuer());
            return new AuthorizationServerSettings(issuer, new LinkedHashSet<>(config.audiences()),
                    config.tokenLifetime(), config.keyRotation(), config.clockSkew());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("oauth2-server.issuer: '" + config.issuer() + "' is not a URL", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("oauth2-server." + e.getMessage(), e);
        }
    }

    /** The endpoints by exact path. */
    public static Map<String, LocalEndpoint> of(AuthorizationServer server, WorkerExecutor workers) {
        AuthorizationServerSettings settings = server.settings();
        Map<String, LocalEndpoint> endpoints = new HashMap<>();
        endpoints.put(settings.tokenEndpointPath(), new Token(server, workers));
        endpoints.put(settings.jwksPath(), new Document("oauth2-jwks", "application/jwk-set+json", server::jwksJson));
        endpoints.put(settings.metadataPath(), new Document("oauth2-metadata", JSON, server::metadataJson));
        return Map.copyOf(endpoints);
    }

    private record Token(AuthorizationServer server, WorkerExecutor workers) implements LocalEndpoint {

        @Override
        public String name() {
            return "oauth2-token";
        }

        @Override
        public Set<String> methods() {
            return Set.of("POST");
        }

        @Override
        public int maxBodyBytes() {
            return MAX_TOKEN_REQUEST_BYTES;
        }

        @Override
        public CompletionStage<Answer> answer(Exchange exchange, String body) {
            TokenRequest request = new TokenRequest(exchange.request().headers().get("Content-Type"),
                    exchange.request().headers().get("Authorization"), body);
            return workers.executeBlocking(() -> server.token(request), false).toCompletionStage()
                    .thenApply(response -> {
                        emit(exchange, response);
                        Map<String, String> headers = new LinkedHashMap<>(response.headers());
                        return new Answer(response.status(), JSON, headers, response.json().getBytes(StandardCharsets.UTF_8));
                    });
        }

        private static void emit(Exchange exchange, TokenResponse response) {
            Map<String, String> details = new LinkedHashMap<>();
            if (response.clientId() != null) {
                details.put("client_id", response.clientId());
            }
            details.put("reason", response.reason());
            if (response.issued()) {
                exchange.emit("oauth2-token", "oauth2.token.issued", SecurityEvent.Severity.INFO, null, details);
            } else {
                exchange.emit("oauth2-token", "oauth2.token.refused",
                        response.status() == 401 ? SecurityEvent.Severity.MEDIUM : SecurityEvent.Severity.LOW,
                        response.error(), details);
            }
            ClientLoginEvents.emit(exchange, response.clientId(), response.issued(), response.status());
        }
    }

    private record Document(String name, String contentType, java.util.function.Supplier<String> content)
            implements LocalEndpoint {

        @Override
        public Set<String> methods() {
            return READ_METHODS;
        }

        @Override
        public int maxBodyBytes() {
            return 0;
        }

        @Override
        public CompletionStage<Answer> answer(Exchange exchange, String body) {
            // public keys and metadata change only at a key rotation, announced a day ahead: caching is safe
            return java.util.concurrent.CompletableFuture.completedFuture(new Answer(200, contentType,
                    Map.of("Cache-Control", "public, max-age=300"), content.get().getBytes(StandardCharsets.UTF_8)));
        }
    }
}
