package dev.rampart.auth.introspection;

import dev.rampart.core.Principal;
import java.time.Instant;

/** What introspection said about a token. */
public sealed interface IntrospectionResult {

    /** The authorization server vouches for the token until {@code expiresAt} (or the cache's bound). */
    record Active(Principal principal, Instant expiresAt) implements IntrospectionResult {
    }

    /**
     * The token is not to be accepted: the server says it is not active (unknown, expired,
     * revoked), or it is active but fails a local check ({@code reason} says which).
     */
    record Inactive(String reason) implements IntrospectionResult {
    }

    /** The authorization server could not be asked or gave no usable answer; the request fails closed. */
    record Unavailable(String reason) implements IntrospectionResult {
    }
}
