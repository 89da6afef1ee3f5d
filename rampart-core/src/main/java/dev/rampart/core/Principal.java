package dev.rampart.core;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Who is making the request, once an authenticator has recognised it.
 *
 * @param id stable identifier (user id, API key id, OAuth2 client id, certificate subject)
 * @param type what kind of caller this is
 * @param authenticator name of the authenticator that established it, e.g. {@code "api-key"}
 * @param roles role names for authorization
 * @param scopes OAuth2-style scopes
 * @param attributes further facts (claims, key metadata) for policies; values are strings,
 *     numbers, booleans or lists of those
 */
public record Principal(
        String id,
        Type type,
        String authenticator,
        Set<String> roles,
        Set<String> scopes,
        Map<String, Object> attributes) {

    /** The kinds of callers Rampart recognises. */
    public enum Type {
        USER,
        API_KEY,
        CLIENT,
        SERVICE
    }

    public Principal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(authenticator, "authenticator");
        roles = Set.copyOf(roles == null ? Set.of() : roles);
        scopes = Set.copyOf(scopes == null ? Set.of() : scopes);
        attributes = Map.copyOf(attributes == null ? Map.of() : attributes);
    }
}
