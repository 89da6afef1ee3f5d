package dev.rampart.ratelimit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * A header value as a fixed-size SHA-256 digest, so that a key never holds a credential in
 * clear (in memory dumps, the quota table, events) and a huge header costs no more memory than a
 * small one.
 */
final class HeaderValueDigest {

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256 (JCA standard names)", e);
        }
    });

    private HeaderValueDigest() {
    }

    /** 128 bits of the SHA-256 of the value, URL-safe Base64 without padding (22 characters). */
    static String of(String value) {
        byte[] digest = SHA256.get().digest(value.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
    }
}
