/**
 * The gateway's edge guards: the checks that need nothing but the request head and the config.
 *
 * <p>Each is a {@link dev.rampart.core.Guard} built once per config (re)load by a static factory
 * that validates its section and names the config path of any mistake; all are immutable,
 * thread-safe and never block (authentication hands JWKS fetches to a worker pool).
 *
 * <p>Order in a route's chain ({@code onRequest}, first to last):
 * <ol>
 *   <li>{@link dev.rampart.gateway.guard.TrustedHostGuard} ({@code trusted-hosts}): 421 for a Host
 *       the gateway does not serve (Host-header attacks), before anything trusts the Host;</li>
 *   <li>{@link dev.rampart.gateway.guard.IpFilterGuard} ({@code ip-filter}): the global lists,
 *       then the route's; 403 for denied or not-allowed networks;</li>
 *   <li>{@link dev.rampart.gateway.guard.CorsGuard} ({@code cors}): answers preflights and
 *       marks cross-origin responses; it runs before authentication because browsers send
 *       preflights without credentials;</li>
 *   <li>{@link dev.rampart.gateway.guard.AuthenticationGuard} ({@code authentication}): bearer JWTs
 *       of the route's issuers; 401 with an RFC 6750 challenge; sets the principal;</li>
 *   <li>then authorization, rate limits, WAF and the other guards of the route.</li>
 * </ol>
 * {@link dev.rampart.gateway.guard.SecurityHeadersGuard} ({@code security-headers}) acts only in
 * {@code onResponse}, on every response of the route: proxied, denied and answered directly
 * (a CORS preflight, a 421) alike. Place it first in the chain so that, with {@code onResponse}
 * running in reverse order, it has the last word on the response headers.
 *
 * <p>A plain denial is reported by the pipeline as a {@code request.denied} event carrying the
 * guard's name and code; only {@code AuthenticationGuard} adds events of its own
 * ({@code authentication.failed}, with the rejection reason and the token's {@code kid}/{@code jti}).
 */
package dev.rampart.gateway.guard;
