package dev.rampart.auth.signature;

import java.util.Base64;
import java.util.HexFormat;

/** How a MAC is written in a header. */
public enum SignatureEncoding {
    /** Hexadecimal, either letter case (GitHub and Stripe send lower case). */
    HEX,
    /** Standard base64 with padding (RFC 4648 §4), as Shopify and Slack-style schemes send it. */
    BASE64;

    /** The decoded bytes, or null when {@code text} is not in this encoding: the caller answers malformed. */
    byte[] decode(String text) {
        try {
            return switch (this) {
                case HEX -> HexFormat.of().parseHex(text);
                case BASE64 -> Base64.getDecoder().decode(text);
            };
        } catch (IllegalArgumentException notEncoded) {
            return null;
        }
    }
}
