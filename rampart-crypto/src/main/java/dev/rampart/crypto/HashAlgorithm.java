package dev.rampart.crypto;

import java.util.Locale;

/** Digests offered by {@link Transit#hash}. */
public enum HashAlgorithm {
    SHA2_256("sha2-256", "SHA-256"),
    SHA2_384("sha2-384", "SHA-384"),
    SHA2_512("sha2-512", "SHA-512");

    private final String id;
    private final String jcaName;

    HashAlgorithm(String id, String jcaName) {
        this.id = id;
        this.jcaName = jcaName;
    }

    public String id() {
        return id;
    }

    String jcaName() {
        return jcaName;
    }

    public static HashAlgorithm of(String id) {
        for (HashAlgorithm a : values()) {
            if (a.id.equals(id == null ? null : id.toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new CryptoException(CryptoException.Reason.INVALID_INPUT,
                "unknown hash algorithm '" + id + "'; allowed: sha2-256, sha2-384, sha2-512");
    }
}
