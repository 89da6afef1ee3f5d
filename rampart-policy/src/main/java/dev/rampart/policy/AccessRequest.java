package dev.rampart.policy;

import dev.rampart.core.Exchange;
import dev.rampart.core.RequestHead;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What is asked: a request (real or hypothetical) as conditions see it, and the permissions it
 * needs. When {@code permissions} is empty, the policy's {@code routes} map the method and path to
 * permissions (and add the template's parameters to {@code params}).
 *
 * @param method HTTP method, upper case
 * @param path the request path (normalised, without query)
 * @param params path parameters of the route's template ({@code request.params})
 * @param query query parameters, decoded, first value of each ({@code request.query})
 * @param headers header fields by lower-case name, repeated fields joined with {@code ", "}
 *     ({@code request.headers}); never credentials
 * @param clientIp the client's address as text ({@code request.ip}); empty when unknown
 * @param time when the request is decided ({@code request.time})
 * @param resource attributes of the resource acted on, if the caller knows them ({@code resource})
 * @param permissions what the request needs, all of them; concrete ({@link Permission#parseRequired})
 */
public record AccessRequest(
        String method,
        String path,
        Map<String, String> params,
        Map<String, String> query,
        Map<String, String> headers,
        String clientIp,
        Instant time,
        Map<String, Object> resource,
        List<Permission> permissions) {

    /**
     * Header fields that carry credentials; kept away from conditions so that no policy (or an
     * explanation quoting it) handles a secret.
     */
    private static final Set<String> CREDENTIAL_HEADERS =
            Set.of("authorization", "proxy-authorization", "cookie", "x-api-key");

    public AccessRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(time, "time");
        params = params == null ? Map.of() : Map.copyOf(params);
        query = query == null ? Map.of() : Map.copyOf(query);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        clientIp = clientIp == null ? "" : clientIp;
        resource = resource == null ? Map.of() : Map.copyOf(resource);
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
        for (Permission p : permissions) {
            if (!p.isConcrete()) {
                throw new IllegalArgumentException("required permission " + p
                        + " has a wildcard; a request needs concrete permissions");
            }
        }
    }

    /** A request with only a method and path, e.g. for {@code rampart policy explain}; add to it with the withers. */
    public static AccessRequest of(String method, String path, Instant time) {
        return new AccessRequest(method, path, null, null, null, null, time, null, null);
    }

    /**
     * The request a guard sees, with the permissions its route declares (empty: the policy's routes
     * decide). Credential headers ({@code Authorization}, {@code Cookie}, API-key header) are left out.
     */
    public static AccessRequest from(Exchange exchange, List<Permission> routePermissions, Instant time) {
        RequestHead head = exchange.request();
        Map<String, String> headers = new HashMap<>();
        head.headers().forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!CREDENTIAL_HEADERS.contains(lower)) {
                headers.merge(lower, value, (a, b) -> a + ", " + b);
            }
        });
        String ip = head.clientAddress() == null ? "" : head.clientAddress().getHostAddress();
        return new AccessRequest(head.method(), head.path(), exchange.pathParams(), parseQuery(head.rawQuery()),
                headers, ip, time, null, routePermissions);
    }

    public AccessRequest withPermissions(List<Permission> required) {
        return new AccessRequest(method, path, params, query, headers, clientIp, time, resource, required);
    }

    public AccessRequest withParams(Map<String, String> pathParams) {
        return new AccessRequest(method, path, pathParams, query, headers, clientIp, time, resource, permissions);
    }

    public AccessRequest withQuery(Map<String, String> queryParams) {
        return new AccessRequest(method, path, params, queryParams, headers, clientIp, time, resource, permissions);
    }

    public AccessRequest withHeaders(Map<String, String> headerFields) {
        Map<String, String> lower = new LinkedHashMap<>();
        headerFields.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        return new AccessRequest(method, path, params, query, lower, clientIp, time, resource, permissions);
    }

    public AccessRequest withClientIp(String ip) {
        return new AccessRequest(method, path, params, query, headers, ip, time, resource, permissions);
    }

    public AccessRequest withResource(Map<String, Object> attributes) {
        return new AccessRequest(method, path, params, query, headers, clientIp, time, attributes, permissions);
    }

    /** Query parameters, form-decoded; the first value of a repeated name wins. */
    static Map<String, String> parseQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.putIfAbsent(name, value);
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformedEscape) {
            // A stray '%' is data, not an error of the policy: keep the text as sent.
            return s;
        }
    }
}
