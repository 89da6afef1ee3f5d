package dev.rampart.core.config;

/**
 * What a limit counts by: each distinct value gets its own allowance. When the value is missing
 * (no principal on an anonymous request, no such header, an expression that fails or yields an empty
 * string), the limit counts by client IP instead, so that an anonymous caller cannot escape a limit by
 * sending nothing.
 */
public enum LimitKey {
    /** The authenticated caller's id. */
    principal,
    /** The API key's id, when the caller authenticated with an API key. */
    api_key,
    /** The client address; IPv4 per address, IPv6 per /64 (one subscriber's usual allocation, RFC 6177). */
    client_ip,
    /** The route: one allowance shared by every caller of the route. */
    route,
    /** The value of a request header named by the limit's {@code header}. */
    header,
    /** One allowance for everything the limit applies to. */
    global,
    /**
     * The value of a CEL expression over {@code principal} and {@code request}, written in the limit's
     * {@code expression}, e.g. {@code principal.attributes.org + ':' + request.headers['x-tenant']}.
     */
    expression
}
