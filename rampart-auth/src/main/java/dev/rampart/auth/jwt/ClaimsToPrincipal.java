package dev.rampart.auth.jwt;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.rampart.core.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Applies a {@link ClaimMapping} to verified claims. */
final class ClaimsToPrincipal {

    private ClaimsToPrincipal() {}

    static Principal map(JWTClaimsSet claims, ClaimMapping mapping) throws JwtRejectedException {
        if (!(claim(claims, mapping.subjectClaim()) instanceof String subject) || subject.isEmpty()) {
            throw new JwtRejectedException(
                    RejectionReason.MISSING_CLAIM, "subject claim missing: " + mapping.subjectClaim());
        }
        Set<String> roles = strings(claim(claims, mapping.rolesClaim()));
        // RFC 8693 §4.2: "scope" is a space-separated string; "scp" (Entra, Okta) is an array or a string.
        Set<String> scopes = new LinkedHashSet<>(strings(claims.getClaim("scope")));
        scopes.addAll(strings(claims.getClaim("scp")));
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : mapping.attributeClaims().entrySet()) {
            Object value = attributeValue(claim(claims, e.getValue()));
            if (value != null) {
                attributes.put(e.getKey(), value);
            }
        }
        return new Principal(subject, mapping.principalType(), VerifiedToken.AUTHENTICATOR, roles, scopes, attributes);
    }

    /** A claim by name, or by dotted path into JSON objects ({@code realm_access.roles}). */
    private static Object claim(JWTClaimsSet claims, String path) {
        Object direct = claims.getClaim(path);
        if (direct != null || path.indexOf('.') < 0) {
            return direct;
        }
        Object node = claims.getClaims();
        for (String step : path.split("\\.")) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(step);
        }
        return node;
    }

    private static Set<String> strings(Object value) {
        Set<String> out = new LinkedHashSet<>();
        if (value instanceof String s) {
            Arrays.stream(s.trim().split("\\s+")).filter(v -> !v.isEmpty()).forEach(out::add);
        } else if (value instanceof Collection<?> list) {
            for (Object item : list) {
                if (item instanceof String s && !s.isEmpty()) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /** Principal attributes hold strings, numbers, booleans or lists of those; anything else is dropped. */
    private static Object attributeValue(Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Collection<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                if (item instanceof String || item instanceof Number || item instanceof Boolean) {
                    out.add(item);
                }
            }
            return List.copyOf(out);
        }
        return null;
    }
}
