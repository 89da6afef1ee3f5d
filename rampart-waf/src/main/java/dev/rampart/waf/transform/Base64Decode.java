package dev.rampart.waf.transform;

import java.util.Base64;

/**
 * {@code t:base64Decode}: decodes standard Base64 (RFC 4648 §4) up to the first character outside
 * the alphabet ({@code =} padding included); padding may be missing and a dangling sixth bit
 * group is ignored, so a truncated or garbage-tailed payload still decodes as far as it can.
 * <pre>SecRule REQUEST_HEADERS:Authorization "@rx ^basic " "id:1,phase:1,t:base64Decode,pass"</pre>
 */
public final class Base64Decode implements Transformation {

    @Override
    public String apply(String value) {
        int end = 0;
        while (end < value.length() && isAlphabet(value.charAt(end))) {
            end++;
        }
        return decodeAlphabetOnly(value.substring(0, end));
    }

    static boolean isAlphabet(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    }

    /** Decodes {@code symbols}, which hold alphabet characters only, adding the padding they lack. */
    static String decodeAlphabetOnly(String symbols) {
        // One symbol alone carries six bits, less than a byte: it is dropped, not an error.
        int usable = symbols.length() % 4 == 1 ? symbols.length() - 1 : symbols.length();
        String padding = switch (usable % 4) {
            case 2 -> "==";
            case 3 -> "=";
            default -> "";
        };
        return ByteText.of(Base64.getDecoder().decode(symbols.substring(0, usable) + padding));
    }
}
