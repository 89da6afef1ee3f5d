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
        Principal principal = request.principal();
        switch (kind) {
            case principal:
                if (principal != null) {
                    return "p:" + principal.id();
                }
                break;
            case api_key:
                if (principal != null && principal.type() == Principal.Type.API_KEY) {
                    return "k:" + principal.id();
                }
                break;
            case header:
                String value = request.headers() == null ? null : request.headers().get(header);
                if (value != null) {
                    return "h:" + HeaderValueDigest.of(value);
                }
                break;
            case route:
                return "r:" + routeId;
            case global:
                return "*";
            case client_ip:
            default:
                break;
        }
        return "ip:" + ClientKeys.of(request.clientAddress());
    }
}
