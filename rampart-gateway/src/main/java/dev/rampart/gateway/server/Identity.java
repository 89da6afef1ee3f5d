package dev.rampart.gateway.server;

import dev.rampart.auth.apikey.ApiKeys;
import dev.rampart.auth.oauth2.AuthorizationServer;
import dev.rampart.auth.user.BasicLogin;

/**
 * The gateway's credential services, built once at start and shared by every runtime, so their
 * caches, replay memory and signing keys survive reloads.
 *
 * @param apiKeys the API keys, or {@code null} without a store
 * @param authorizationServer the OAuth2 authorization server, or {@code null} when
 *     {@code oauth2-server} is not configured
 * @param basicLogin the users' HTTP Basic login for routes, or {@code null} without a store
 */
public record Identity(ApiKeys apiKeys, AuthorizationServer authorizationServer, BasicLogin basicLogin) {

    /** No store, no authorization server: for runtimes built without a gateway (tests, tools). */
    public static final Identity NONE = new Identity(null, null, null);

    public Identity(ApiKeys apiKeys, AuthorizationServer authorizationServer) {
        this(apiKeys, authorizationServer, null);
    }
}
