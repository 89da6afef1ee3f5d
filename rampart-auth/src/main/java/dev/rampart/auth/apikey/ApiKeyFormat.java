package dev.rampart.auth.apikey;

import dev.rampart.auth.credential.Base62;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.zip.CRC32;

/**
 * The text form of an API key, after GitHub's token format: {@code rmp_<key id>_<secret><checksum>},
 * 66 characters of base62, for example
 * {@code rmp_0aZ3kQ9xT2bL_4Hq…(43 characters)…Xy7Pq2}.
 *
 * <ul>
 *   <li>{@code rmp_}: a fixed prefix, so secret scanners (GitHub secret scanning, gitleaks) and
 *       people recognise a leaked Rampart key;
 *   <li>key id: 12 random base62 characters (71 bits), not secret; it selects the stored record
 *       and names the key in logs and the admin API;
 *   <li>secret: 43 random base62 characters from {@link SecureRandom}, 256 bits, so guessing is
 *       hopeless and the stored HMAC needs no slow password hash;
 *   <li>checksum: CRC32 of everything before it, as 6 base62 characters, so a mistyped or
 *       truncated key is rejected ({@code bad-checksum}) without a store lookup, and a scanner can
 *       tell a real key from random text. CRC32 is not a MAC: it only catches accidents.
 * </ul>
 */
public final class ApiKeyFormat {

    /** Prefix of every key. */
    public static final String PREFIX = "rmp_";
    /** Characters of the key id. */
    public static final int KEY_ID_LENGTH = 12;
    /** Characters of the secret: 43 × log2(62) ≈ 256.03 bits. */
    public static final int SECRET_LENGTH = 43;
    /** Characters of the checksum: 62^6 > 2^32 holds every CRC32 value. */
    public static final int CHECKSUM_LENGTH = 6;
    /** Characters of a whole key. */
    public static final int LENGTH = PREFIX.length() + KEY_ID_LENGTH + 1 + SECRET_LENGTH + CHECKSUM_LENGTH;

    private static final String ALPHABET = Base62.ALPHABET;
    private static final int SEPARATOR_AT = PREFIX.length() + KEY_ID_LENGTH;
    private static final int SECRET_AT = SEPARATOR_AT + 1;
    private static final int CHECKSUM_AT = SECRET_AT + SECRET_LENGTH;

    private ApiKeyFormat() {}

    /**
     * Checks the format and the checksum of a presented key. Never throws and never touches the
     * store: anything that is not a well-formed key is an {@link UnreadableApiKey}.
     */
    public static ParsedApiKey parse(String presented) {
        if (presented == null || presented.length() != LENGTH || !presented.startsWith(PREFIX)
                || presented.charAt(SEPARATOR_AT) != '_'
                || !Base62.isBase62(presented, PREFIX.length(), SEPARATOR_AT)
                || !Base62.isBase62(presented, SECRET_AT, LENGTH)) {
            return new UnreadableApiKey(ApiKeyRejection.MALFORMED);
        }
        if (!checksum(presented.substring(0, CHECKSUM_AT)).equals(presented.substring(CHECKSUM_AT))) {
            return new UnreadableApiKey(ApiKeyRejection.BAD_CHECKSUM);
        }
        return new PresentedKey(presented.substring(PREFIX.length(), SEPARATOR_AT),
                presented.substring(SECRET_AT, CHECKSUM_AT));
    }

    /** A new random key id. */
    static String newKeyId(SecureRandom random) {
        return Base62.random(random, KEY_ID_LENGTH);
    }

    /** A new random secret. */
    static String newSecret(SecureRandom random) {
        return Base62.random(random, SECRET_LENGTH);
    }

    /** The text form of a key, checksum appended. */
    static String format(String keyId, String secret) {
        if (keyId.length() != KEY_ID_LENGTH || secret.length() != SECRET_LENGTH
                || !Base62.isBase62(keyId, 0, keyId.length()) || !Base62.isBase62(secret, 0, secret.length())) {
            throw new IllegalArgumentException("a key id is " + KEY_ID_LENGTH + " and a secret " + SECRET_LENGTH
                    + " base62 characters");
        }
        String body = PREFIX + keyId + "_" + secret;
        return body + checksum(body);
    }

    private static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] chars = new char[CHECKSUM_LENGTH];
        for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
            chars[i] = ALPHABET.charAt((int) (value % ALPHABET.length()));
            value /= ALPHABET.length();
        }
        return new String(chars);
    }
}
