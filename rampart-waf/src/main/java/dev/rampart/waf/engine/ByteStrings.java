package dev.rampart.waf.engine;

import java.nio.charset.StandardCharsets;

/**
 * Conversion of text that arrives as Java strings (URI, headers from an HTTP server) into the byte
 * strings the engine inspects: one char per UTF-8 byte, as ModSecurity sees the wire.
 */
public final class ByteStrings {

    private ByteStrings() {}

    /** {@code text} as a byte string; ASCII and strings already made of byte chars (≤ 0xFF) are returned as they are. */
    public static String of(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0xFF) {
                return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
            }
        }
        return text;
    }

    /** {@code bytes} as a byte string. */
    public static String of(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
