package dev.rampart.auth.apikey;

/**
 * Why a presented API key was not accepted. The {@link #code()} is stable: the gateway puts it in
 * security events and metrics, and clients may see it in a problem+json body.
 */
public enum ApiKeyRejection {
    /** Not in the {@code rmp_…} format at all: wrong prefix, length or alphabet. No store lookup. */
    MALFORMED("malformed"),
    /** The format is right but the checksum does not match: a typo or a truncated copy. No store lookup. */
    BAD_CHECKSUM("bad-checksum"),
    /** No key with this key id exists. */
    UNKNOWN_KEY("unknown-key"),
    /** The key id exists but the secret is not its current secret (nor a rotated one still in grace). */
    BAD_SECRET("bad-secret"),
    /** The key's expiry has passed. */
    EXPIRED("expired"),
    /** The key is disabled; it can be enabled again. */
    DISABLED("disabled"),
    /** The key was revoked; that is final. */
    REVOKED("revoked"),
    /** The key is limited to some client networks and the request came from elsewhere. */
    IP_NOT_ALLOWED("ip-not-allowed");

    private final String code;

    ApiKeyRejection(String code) {
        this.code = code;
    }

    /** The stable reason code, e.g. {@code "bad-secret"}. */
    public String code() {
        return code;
    }
}
