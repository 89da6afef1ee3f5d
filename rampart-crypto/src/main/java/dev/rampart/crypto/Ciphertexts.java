package dev.rampart.crypto;

import dev.rampart.crypto.CryptoException.Reason;
import java.util.Base64;

/**
 * The text form of transit outputs (ciphertexts, signatures, MACs): {@code rampart:v<N>:<base64>},
 * where N is the key version, so a rotation never breaks reading old data and rewrap can move it.
 */
final class Ciphertexts {

    static final String PREFIX = "rampart:v";

    private Ciphertexts() {}

    record Parsed(int version, byte[] bytes) {}

    static String format(int version, byte[] bytes) {
        return PREFIX + version + ':' + Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * Parses strictly: the base64 must be canonical (the form {@link #format} writes), so no two
     * texts decode to the same bytes and every altered character is detected.
     */
    static Parsed parse(String text, String what) {
        if (text == null || !text.startsWith(PREFIX)) {
            throw malformed(what);
        }
        int colon = text.indexOf(':', PREFIX.length());
        if (colon < 0 || colon == PREFIX.length() || colon - PREFIX.length() > 9) {
            throw malformed(what);
        }
        int version = 0;
        for (int i = PREFIX.length(); i < colon; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9' || (i == PREFIX.length() && c == '0')) {
                throw malformed(what);
            }
            version = version * 10 + (c - '0');
        }
        String encoded = text.substring(colon + 1);
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw malformed(what);
        }
        if (!canonical(encoded)) {
            throw malformed(what);
        }
        return new Parsed(version, bytes);
    }

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /**
     * Java's decoder accepts non-zero bits in the last character before padding, so "QQ==" and
     * "QR==" decode alike; canonical text has those bits zero (RFC 4648 §3.5). Also requires padding.
     */
    private static boolean canonical(String encoded) {
        int length = encoded.length();
        if (length % 4 != 0) {
            return false;
        }
        if (length == 0 || encoded.charAt(length - 1) != '=') {
            return true;
        }
        boolean twoPads = encoded.charAt(length - 2) == '=';
        int last = ALPHABET.indexOf(encoded.charAt(length - (twoPads ? 3 : 2)));
        return (last & (twoPads ? 0x0F : 0x03)) == 0;
    }

    private static CryptoException malformed(String what) {
        return new CryptoException(Reason.INVALID_INPUT, "the " + what + " is not of the form rampart:v<N>:<base64>");
    }
}
