package dev.rampart.policy;

import dev.cel.runtime.CelVariableResolver;
import dev.rampart.core.Principal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The variables of one decision's conditions, built on first use (most decisions evaluate no
 * condition) and shared by every condition of the decision; also of a {@link RequestExpression}.
 * Values are converted to CEL's Java types: integers to {@code long}, floats to {@code double},
 * nested lists and maps alike. Without a principal (an anonymous request, for a
 * {@link RequestExpression}) {@code principal} has no value, so an expression that reads it fails.
 */
final class ConditionInput implements CelVariableResolver {

    private final Principal principal;
    private final Supplier<List<String>> roles;
    private final AccessRequest request;
    private Map<String, Object> principalValue;
    private Map<String, Object> requestValue;
    private Map<String, Object> resourceValue;

    ConditionInput(Principal principal, Supplier<List<String>> roles, AccessRequest request) {
        this.principal = principal;
        this.roles = roles;
        this.request = request;
    }

    @Override
    public Optional<Object> find(String name) {
        switch (name) {
            case "principal":
                if (principal == null) {
                    return Optional.empty();
                }
                if (principalValue == null) {
                    principalValue = principalValue();
                }
                return Optional.of(principalValue);
            case "request":
                if (requestValue == null) {
                    requestValue = requestValue();
                }
                return Optional.of(requestValue);
            case "resource":
                if (resourceValue == null) {
                    resourceValue = celMap(request.resource());
                }
                return Optional.of(resourceValue);
            default:
                return Optional.empty();
        }
    }

    private Map<String, Object> principalValue() {
        Map<String, Object> p = new HashMap<>(8);
        p.put("id", principal.id());
        p.put("type", principal.type().name());
        p.put("authenticator", principal.authenticator());
        p.put("roles", roles.get());
        p.put("scopes", List.copyOf(principal.scopes()));
        p.put("attributes", celMap(principal.attributes()));
        return p;
    }

    private Map<String, Object> requestValue() {
        Map<String, Object> r = new HashMap<>(10);
        r.put("method", request.method());
        r.put("path", request.path());
        r.put("params", request.params());
        r.put("query", request.query());
        r.put("headers", request.headers());
        r.put("ip", request.clientIp());
        r.put("time", request.time());
        return r;
    }

    private static Map<String, Object> celMap(Map<String, ?> in) {
        Map<String, Object> out = new HashMap<>(Math.max(4, in.size() * 2));
        in.forEach((k, v) -> out.put(k, celValue(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object celValue(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float) {
            return ((Float) v).doubleValue();
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object e : list) {
                out.add(celValue(e));
            }
            return out;
        }
        if (v instanceof Map<?, ?> map) {
            return celMap((Map<String, ?>) map);
        }
        return v;
    }
}
