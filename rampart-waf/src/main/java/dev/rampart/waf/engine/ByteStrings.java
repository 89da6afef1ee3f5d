package dev.rampart.waf.engine;

import dev.rampart.waf.transform.ByteText;

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
                return ByteText.ofUtf8(text);
            }
        }
        return text;
    }
}
