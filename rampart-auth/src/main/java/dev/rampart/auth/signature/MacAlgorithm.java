package dev.rampart.auth.signature;

/** The HMAC functions a {@link GenericHmacScheme} may use (RFC 2104 with SHA-2, RFC 4231 test vectors). */
public enum MacAlgorithm {
    HMAC_SHA256("HmacSHA256", 32),
    HMAC_SHA384("HmacSHA384", 48),
    HMAC_SHA512("HmacSHA512", 64);

    private final String jcaName;
    private final int macLength;

    MacAlgorithm(String jcaName, int macLength) {
        this.jcaName = jcaName;
        this.macLength = macLength;
    }

    String jcaName() {
        return jcaName;
    }

    int macLength() {
        return macLength;
    }
}
