package dev.rampart.core.config;

import java.time.Duration;
import java.util.List;

/**
 * An external authorization server's token introspection endpoint (RFC 7662), for routes that
 * accept its opaque access tokens ({@code introspection-endpoints.<name>},
 * {@code authentication.introspection: <name>}).
 */
public record IntrospectionEndpointConfig(
        @Required @Doc("The introspection endpoint, e.g. https://id.example.com/oauth2/introspect; https (http only "
                + "on loopback).") String url,
        @Required @Doc("Rampart's client id at the authorization server (sent with HTTP Basic).") String clientId,
        @Required @Secret @Doc("Rampart's client secret there. Reference it: ${INTROSPECTION_SECRET}.") String clientSecret,
        @Doc("When set, an active token must name one of these in 'aud'.") List<String> audiences,
        @Doc("Member of the introspection answer holding the caller's roles. Default roles.") String rolesClaim,
        @Doc("How long an active answer is reused, never past the token's exp: the delay before a revocation at "
                + "the server takes effect here. 0s to 1h, default 60s.") Duration cacheTime,
        @Doc("Connect and read timeout of one introspection call, at most 30s. Default 3s.") Duration timeout) {

    public IntrospectionEndpointConfig {
        audiences = audiences == null ? List.of() : List.copyOf(audiences);
    }
}
