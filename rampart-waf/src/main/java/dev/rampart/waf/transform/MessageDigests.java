package dev.rampart.waf.transform;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The raw digest of a value's bytes, shared by {@link Sha1} and {@link Md5}. */
final class MessageDigests {

    private MessageDigests() {
    }

    static String digest(String algorithm, String value) {
        try {
            return ByteText.of(MessageDigest.getInstance(algorithm).digest(ByteText.bytes(value)));
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide MD5 and SHA-1 (MessageDigest Javadoc).
            throw new IllegalStateException(algorithm + " is missing from this Java runtime", e);
        }
    }
}
