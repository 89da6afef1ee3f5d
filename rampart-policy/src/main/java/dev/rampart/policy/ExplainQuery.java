package dev.rampart.policy;

import dev.rampart.core.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A "what if" question as {@code POST /admin/policy/explain} receives it (JSON, these names) and
 * {@code rampart policy explain} builds it from its options: a caller and a request that need not
 * exist. {@link Authorizer#explain(ExplainQuery, Instant)} answers it.
 *
 * @param principal the caller's id (required)
 * @param type the caller's kind; default {@code USER}
 * @param roles roles the caller's credentials would carry
 * @param scopes scopes the credentials would carry
 * @param attributes further facts (claims, {@code groups}) conditions and bindings read
 * @param method the request's method (required), e.g. {@code POST}
 * @param path the request's path (required), e.g. {@code /orgs/acme/messages}
 * @param params path parameters, when the route (not {@code policy.routes}) has the template
 * @param query query parameters
 * @param headers header fields
 * @param ip the client's address
 * @param resource resource attributes
 * @param permissions what the route needs; empty: {@code policy.routes} decide
 */
public record ExplainQuery(
        String principal,
        Principal.Type type,
        List<String> roles,
        List<String> scopes,
        Map<String, Object> attributes,
        String method,
        String path,
        Map<String, String> params,
        Map<String, String> query,
        Map<String, String> headers,
        String ip,
        Map<String, Object> resource,
        List<String> permissions) {

    /** The authenticator name a hypothetical caller carries, so it never passes for a real one in logs. */
    public static final String AUTHENTICATOR = "explain";

    public ExplainQuery {
        type = type == null ? Principal.Type.USER : type;
        roles = roles == null ? List.of() : List.copyOf(roles);
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
    }

    /**
     * The caller and request, checked.
     *
     * @throws IllegalArgumentException naming each missing or malformed field
     */
    AccessRequest toRequest(Instant now) {
        List<String> errors = new ArrayList<>();
        if (principal == null || principal.isBlank()) {
            errors.add("principal: give the caller's id");
        }
        if (method == null || method.isBlank()) {
            errors.add("method: give the request's method, e.g. POST");
        }
        if (path == null || !path.startsWith("/")) {
            errors.add("path: give the request's path, starting with '/', e.g. /orgs/acme/messages");
        }
        List<Permission> required = new ArrayList<>();
        for (int i = 0; i < permissions.size(); i++) {
            try {
                required.add(Permission.parseRequired(permissions.get(i)));
            } catch (IllegalArgumentException e) {
                errors.add("permissions[" + i + "]: " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        AccessRequest r = AccessRequest.of(method, path, now).withPermissions(required).withParams(params)
                .withClientIp(ip).withResource(resource == null ? Map.of() : resource);
        r = query == null ? r : r.withQuery(query);
        return headers == null ? r : r.withHeaders(headers);
    }

    Principal toPrincipal() {
        return new Principal(principal, type, AUTHENTICATOR, new LinkedHashSet<>(roles), new LinkedHashSet<>(scopes),
                attributes);
    }
}
