package dev.rampart.auth.jwt;

/**
 * Why a token was rejected. The names are stable: gateways map them to error codes, metrics
 * and audit events, so a reason is never renamed, only added.
 */
public enum RejectionReason {
    /** Longer than the configured maximum; refused before any parsing (resource exhaustion). */
    TOKEN_TOO_LARGE,
    /**
     * Not a JWS in compact serialization (RFC 7515 §7.1): not three base64url parts, non-canonical
     * base64url, a header or claims set that is not a JSON object, or a claim of the wrong type.
     */
    MALFORMED,
    /** {@code alg: none} in any letter case: an unsecured JWT (RFC 7519 §6) is never accepted. */
    ALG_NONE,
    /** The {@code alg} is not in the issuer's allowlist (RFC 8725 §3.1). */
    ALGORITHM_NOT_ALLOWED,
    /**
     * An HMAC {@code alg} for an issuer that has no shared secret: the classic RS/HS confusion
     * where the public key's bytes are used as an HMAC key (RFC 8725 §2.1).
     */
    KEY_CONFUSION,
    /** A {@code jwk} or {@code x5c} header: the token carries its own verification key (RFC 8725 §2.1). */
    EMBEDDED_KEY,
    /** A {@code jku} or {@code x5u} header that is not on the issuer's key-URL allowlist (SSRF, key injection). */
    KEY_URL_NOT_ALLOWED,
    /** A {@code kid} outside {@code [A-Za-z0-9._-]{1,128}} (path traversal, SQL injection through kid lookups). */
    INVALID_KID,
    /** A {@code crit} header (RFC 7515 §4.1.11): no extension is understood, so the token must be rejected. */
    UNSUPPORTED_CRITICAL_HEADER,
    /** The token's {@code iss} is missing or is not a configured issuer; no key was fetched. */
    UNKNOWN_ISSUER,
    /** No key of the issuer matches the token's {@code kid} and {@code alg}, even after a refresh. */
    UNKNOWN_KEY,
    /** The issuer's JWKS could not be fetched and the last good set is older than the outage limit (fail closed). */
    KEYS_UNAVAILABLE,
    /** An ECDSA signature with r or s equal to 0 or not below the group order (CVE-2022-21449). */
    PSYCHIC_SIGNATURE,
    /** The signature does not verify with any matching key. */
    BAD_SIGNATURE,
    /** Now is at or past {@code exp} by more than the clock skew (RFC 7519 §4.1.4). */
    EXPIRED,
    /** Now is before {@code nbf} by more than the clock skew (RFC 7519 §4.1.5). */
    NOT_YET_VALID,
    /** {@code iat} is later than now plus the clock skew: a token from the future (RFC 7519 §4.1.6). */
    ISSUED_IN_FUTURE,
    /** None of the token's {@code aud} values is an accepted audience (RFC 7519 §4.1.3). */
    AUDIENCE_MISMATCH,
    /** A claim that the issuer requires is absent ({@code exp} and the subject claim always are required). */
    MISSING_CLAIM,
    /** The token's {@code jti} is on the revocation list. */
    REVOKED
}
