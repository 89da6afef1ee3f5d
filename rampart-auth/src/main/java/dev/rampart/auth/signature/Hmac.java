package dev.rampart.auth.signature;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The one place MACs are computed and compared. */
final class Hmac {

    private Hmac() {
    }

    static byte[] compute(String jcaName, HmacKey key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(jcaName);
            mac.init(new SecretKeySpec(key.bytes(), jcaName));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime provides " + jcaName, e);
        }
    }

    /**
     * Checks the received MACs against the MAC of {@code parts} under each key. Each comparison is
     * {@link MessageDigest#isEqual}, whose time does not depend on where the bytes differ, so the
     * answer time cannot be used to guess a valid MAC byte by byte.
     *
     * @return null when nothing matches; otherwise the MAC under the first key, whichever key
     *     matched: one identity for the signed content, so a replay cannot pass as new by carrying
     *     the signature of another rotated key instead
     */
    static byte[] verify(String jcaName, List<HmacKey> keys, List<byte[]> received, byte[]... parts) {
        byte[] primary = null;
        for (HmacKey key : keys) {
            byte[] expected = compute(jcaName, key, parts);
            if (primary == null) {
                primary = expected;
            }
            for (byte[] candidate : received) {
                if (MessageDigest.isEqual(expected, candidate)) {
                    return primary;
                }
            }
        }
        return null;
    }
}
