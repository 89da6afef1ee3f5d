package dev.rampart.auth.totp;

/** The HMAC of RFC 6238 §1.2: SHA-1 (RFC 4226's, what every authenticator app supports), SHA-256, SHA-512. */
public enum TotpAlgorithm {
    SHA1("HmacSHA1", "SHA1", 20),
    SHA256("HmacSHA256", "SHA256", 32),
    SHA512("HmacSHA512", "SHA512", 64);

    private final String macName;
    private final String uriName;
    private final int keyLength;

    TotpAlgorithm(String macName, String uriName, int keyLength) {
        this.macName = macName;
        this.uriName = uriName;
        this.keyLength = keyLength;
    }

    String macName() {
        return macName;
    }

    /** The {@code algorithm=} value of an otpauth URI. */
    String uriName() {
        return uriName;
    }

    /**
     * Secret length generated for this algorithm: the HMAC output length, as RFC 6238's reference
     * seeds; for SHA-1 that is RFC 4226 §4's recommended 160 bits.
     */
    int keyLength() {
        return keyLength;
    }
}
