package dev.rampart.ratelimit.internal;

import dev.rampart.core.Principal;
import dev.rampart.core.config.LimitKey;
import dev.rampart.ratelimit.ClientKeys;
import dev.rampart.ratelimit.KeyExpression;
import dev.rampart.ratelimit.RateLimitRequest;

/**
 * Takes the value a limit counts by from a request. A missing value (anonymous request, no such
 * header, an expression that fails or yields nothing) falls back to the client's address, so that
 * leaving something out never escapes a limit. Values are prefixed with their kind, so that a
 * principal named like an address is not counted with that address. Header and expression values
 * are hashed: they may be credentials (an API key header), quota keys are written to the store,
 * and a digest holds a huge value in a few bytes.
 *
 * @param kind what to count by
 * @param header the header name, for {@link LimitKey#header}
 * @param expression the expression's text, for {@link LimitKey#expression}: selectors with the same
 *     text are equal (and their limits share one bucket)
 * @param compiled the compiled expression; one instance per text within a route or plan
 */
public record KeySelector(LimitKey kind, String header, String expression, KeyExpression compiled) {

    /** A selector of any kind but {@link LimitKey#expression}. */
    public KeySelector(LimitKey kind, String header) {
        this(kind, header, null, null);
    }

    /** Told when an expression key counted a request by client IP instead. */
    @FunctionalInterface
    public interface Fallbacks {
        /** Nothing is reported. */
        Fallbacks IGNORE = (limits, reason) -> { };

        void fellBack(String limits, String reason);
    }

    /** The value of this key for {@code request} on route {@code routeId}. */
    public String select(RateLimitRequest request, String routeId, String limits, Fallbacks fallbacks) {
        return appendTo(new StringBuilder(48), request, routeId, limits, fallbacks).toString();
    }

    /** {@code prefix}, '|', and the value of this key: the name of one key's state, built with one string. */
    public String qualified(String prefix, RateLimitRequest request, String routeId, String limits, Fallbacks fallbacks) {
        return appendTo(new StringBuilder(prefix.length() + 48).append(prefix).append('|'), request, routeId, limits,
                fallbacks).toString();
    }

    private StringBuilder appendTo(StringBuilder out, RateLimitRequest request, String routeId, String limits,
            Fallbacks fallbacks) {
        Principal principal = request.principal();
        switch (kind) {
            case principal:
                if (principal != null) {
                    return out.append("p:").append(principal.id());
                }
                break;
            case api_key:
                if (principal != null && principal.type() == Principal.Type.API_KEY) {
                    return out.append("k:").append(principal.id());
                }
                break;
            case header:
                String value = request.headers() == null ? null : request.headers().get(header);
                if (value != null) {
                    return out.append("h:").append(HeaderValueDigest.of(value));
                }
                break;
            case expression:
                String key = evaluate(request, limits, fallbacks);
                if (key != null) {
                    return out.append("x:").append(HeaderValueDigest.of(key));
                }
                break;
            case route:
                return out.append("r:").append(routeId);
            case global:
                return out.append('*');
            case client_ip:
            default:
                break;
        }
        return ClientKeys.appendTo(out.append("ip:"), request.clientAddress());
    }

    private String evaluate(RateLimitRequest request, String limits, Fallbacks fallbacks) {
        String value;
        try {
            value = compiled.evaluate(request);
        } catch (RuntimeException e) {
            fallbacks.fellBack(limits, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            return null;
        }
        if (value == null || value.isEmpty()) {
            fallbacks.fellBack(limits, "empty value");
            return null;
        }
        return value;
    }
}
