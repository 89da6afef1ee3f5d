package dev.rampart.ratelimit.internal;

import dev.rampart.core.Principal;
import dev.rampart.core.config.LimitKey;
import dev.rampart.ratelimit.ClientKeys;
import dev.rampart.ratelimit.RateLimitRequest;

/**
 * Takes the value a limit counts by from a request. A missing value (anonymous request, no such
 * header) falls back to the client's address, so that leaving something out never escapes a limit.
 * Values are prefixed with their kind, so that a principal named like an address is not counted
 * with that address. Header values are hashed: they may be credentials (an API key header), and
 * quota keys are written to the store.
 *
 * @param kind what to count by
 * @param header the header name, for {@link LimitKey#header}
 */
public record KeySelector(LimitKey kind, String header) {

    /** The value of this key for {@code request} on route {@code routeId}. */
    public String select(RateLimitRequest request, String routeId) {
        return appendTo(new StringBuilder(48), request, routeId).toString();
    }

    /** {@code prefix}, '|', and the value of this key: the name of one key's state, built with one string. */
    public String qualified(String prefix, RateLimitRequest request, String routeId) {
        return appendTo(new StringBuilder(prefix.length() + 48).append(prefix).append('|'), request, routeId).toString();
    }

    private StringBuilder appendTo(StringBuilder out, RateLimitRequest request, String routeId) {
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
}
