package dev.rampart.detect;

/**
 * The event types and fields the built-in rules read. Most are emitted today; those marked
 * <em>to emit</em> are names this module defines so that the gateway (or an application using
 * Rampart as a library) can emit them, and the built-in rules then work without a config change.
 */
public final class DetectionEvents {

    /** A credential was refused (API key, bearer token, client certificate). Emitted by authentication. */
    public static final String AUTHENTICATION_FAILED = "authentication.failed";
    /**
     * A login or credential check succeeded. <em>To emit</em> from password/user logins (not per API-key
     * request), with {@link #ACCOUNT} in the details and the caller as principal.
     */
    public static final String AUTHENTICATION_SUCCEEDED = "authentication.succeeded";
    /** The admin API refused a credential. Emitted by the admin API. */
    public static final String ADMIN_AUTH_FAILED = "admin.auth.failed";
    /** Someone authenticated to the admin API or console. <em>To emit</em>, with the admin as principal. */
    public static final String ADMIN_AUTH_SUCCEEDED = "admin.auth.succeeded";
    /** The WAF blocked a request. <em>To emit</em> by the WAF guard, with the matched rule ids in details.rules. */
    public static final String WAF_BLOCKED = "waf.blocked";
    /** A rate limit refused a request. Emitted by the rate-limit guard. */
    public static final String RATE_LIMIT_EXCEEDED = "rate-limit.exceeded";
    /** The gateway answered a request with an error (code {@link #ROUTE_NOT_FOUND} for an unknown path). */
    public static final String REQUEST_DENIED = "request.denied";
    /** The upstream answered 404. <em>To emit</em> by the proxy, so that scanning the upstream counts too. */
    public static final String UPSTREAM_NOT_FOUND = "upstream.not-found";
    /** A request signature was refused (code {@link #REPLAYED} for a replay). Emitted by signature checks. */
    public static final String SIGNATURE_REJECTED = "signature.rejected";

    /** Code of {@code request.denied} when no route matches the path. */
    public static final String ROUTE_NOT_FOUND = "route-not-found";
    /** Code of a refused credential that has been revoked (API keys and JWTs). */
    public static final String REVOKED = "revoked";
    /** Code of a refused signature or token that was already used. */
    public static final String REPLAYED = "replayed";

    /** Detail naming the account a login was for (a user name, a key id); hashed if it is sensitive. */
    public static final String ACCOUNT = "account";

    private DetectionEvents() {
    }
}
