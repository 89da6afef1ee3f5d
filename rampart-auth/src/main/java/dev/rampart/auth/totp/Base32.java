package dev.rampart.auth.totp;

import java.util.Locale;

/**
 * RFC 4648 §6 base32 without padding, as otpauth URIs carry secrets. Bouncy Castle's codec writes
 * and expects padding; this strips it on the way out and restores it on the way in.
 */
final class Base32 {

    static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private Base32() {}

    static String encode(byte[] bytes) {
        String padded = org.bouncycastle.util.encoders.Base32.toBase32String(bytes);
        int end = padded.indexOf('=');
        return end < 0 ? padded : padded.substring(0, end);
    }

    /** Accepts lower case and the spaces apps insert for readability; rejects anything else. */
    static byte[] decode(String text) {
        String clean = text.replace(" ", "").toUpperCase(Locale.ROOT);
        int end = clean.indexOf('=');
        if (end >= 0) {
            clean = clean.substring(0, end);
        }
        for (int i = 0; i < clean.length(); i++) {
            if (ALPHABET.indexOf(clean.charAt(i)) < 0) {
                throw new IllegalArgumentException("not base32 (RFC 4648): unexpected character at position " + i);
            }
        }
        int remainder = clean.length() % 8;
        // Lengths 1, 3 and 6 mod 8 cannot come from whole bytes.
        if (remainder == 1 || remainder == 3 || remainder == 6) {
            throw new IllegalArgumentException("not base32 (RFC 4648): length " + clean.length() + " is truncated");
        }
        return org.bouncycastle.util.encoders.Base32.decode(remainder == 0 ? clean : clean + "=".repeat(8 - remainder));
    }
}
