package dev.rampart.ratelimit;

import dev.rampart.core.Exchange;
import dev.rampart.core.Headers;
import dev.rampart.core.Principal;
import java.net.InetAddress;
import java.util.Objects;

/**
 * What limits are keyed by, taken from one request.
 *
 * @param principal the authenticated caller, or null for an anonymous request
 * @param clientAddress the client's address (after trusted-proxy resolution)
 * @param headers the request headers, for limits keyed by a header; may be null
 * @param exchange the whole exchange, for {@link KeyExpression}s that read more of the request
 *     (method, path, parameters); null outside a gateway
 */
public record RateLimitRequest(Principal principal, InetAddress clientAddress, Headers headers, Exchange exchange) {

    public RateLimitRequest {
        Objects.requireNonNull(clientAddress, "clientAddress");
    }

    /** A request without an exchange: for applications and for limits that need no key expression. */
    public RateLimitRequest(Principal principal, InetAddress clientAddress, Headers headers) {
        this(principal, clientAddress, headers, null);
    }

    /** The request of an exchange, after authentication (so that its principal and plan are known). */
    public static RateLimitRequest of(Exchange exchange) {
        return new RateLimitRequest(exchange.principal().orElse(null), exchange.request().clientAddress(),
                exchange.request().headers(), exchange);
    }
}
