package dev.rampart.auth.credential;

import java.security.SecureRandom;

/** Random identifiers and secrets in base62: copy-paste safe (no punctuation), URL and header safe. */
public final class Base62 {

    public static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private Base62() {
    }

    /** {@code length} uniformly random base62 characters (about 5.95 bits each). */
    public static String random(SecureRandom random, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            // nextInt(bound) rejects out-of-range draws, so every character is uniform (no modulo bias)
            chars[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new String(chars);
    }

    /** Whether {@code s[from, to)} holds base62 characters only. */
    public static boolean isBase62(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                return false;
            }
        }
        return true;
    }
}
