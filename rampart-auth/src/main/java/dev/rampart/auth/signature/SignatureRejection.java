package dev.rampart.auth.signature;

/** Why a signed request was refused; {@link #code()} is stable and safe to put in a response or a metric. */
public enum SignatureRejection {
    /** The signature header (or a timestamp or nonce header the scheme requires) is absent. */
    MISSING_SIGNATURE("missing-signature"),
    /**
     * A header cannot be parsed: wrong prefix, odd or non-hex digits, bad base64, a MAC of the wrong
     * length, a repeated header, a value over {@value SignedRequest#MAX_SIGNATURE_HEADER_CHARS}
     * characters, or content whose signed form would be ambiguous.
     */
    MALFORMED_SIGNATURE("malformed-signature"),
    /** Well formed, but no signature matches under any configured key: forged, tampered, or the wrong secret. */
    BAD_SIGNATURE("bad-signature"),
    /** The signed timestamp is further from the clock than the tolerance, in the past or the future. */
    TIMESTAMP_OUTSIDE_TOLERANCE("timestamp-outside-tolerance"),
    /** A valid signature (or nonce) already accepted within its window: a captured request sent again. */
    REPLAYED("replayed");

    private final String code;

    SignatureRejection(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
