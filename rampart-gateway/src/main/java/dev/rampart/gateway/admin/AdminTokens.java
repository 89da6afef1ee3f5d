package dev.rampart.gateway.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The admin credential: a 256-bit random bearer token shown once, stored only as its SHA-256 hash.
 * A fast hash suffices here (unlike passwords): the token has full entropy, so the hash cannot be
 * brute-forced, and verification stays cheap.
 */
public final class AdminTokens {

    /** The settings key under which the token's hash is stored. */
    public static final String SETTING = "admin.token.sha256";

    /** Recognisable prefix, so secret scanners and people can tell what leaked. */
    public static final String PREFIX = "rmp_admin_";

    private static final SecureRandom RANDOM = new SecureRandom();

    private AdminTokens() {
    }

    /** A new token: prefix + 43 base64url characters (32 random bytes). */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The stored form of a token: lower-case hex SHA-256. */
    public static String hash(String token) {
        return HexFormat.of().formatHex(sha256(token.getBytes(StandardCharsets.UTF_8)));
    }

    /** Constant-time check of a presented token against the stored hash. */
    public static boolean matches(String presented, String storedHash) {
        if (presented == null || storedHash == null) {
            return false;
        }
        byte[] expected;
        try {
            expected = HexFormat.of().parseHex(storedHash);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(sha256(presented.getBytes(StandardCharsets.UTF_8)), expected);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
