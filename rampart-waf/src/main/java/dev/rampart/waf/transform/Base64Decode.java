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
        return decode(value, end);
    }

    static boolean isAlphabet(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    }

    /** Decodes {@code symbols}, which hold alphabet characters only, adding the padding they lack. */
    static String decodeAlphabetOnly(String symbols) {
        return decode(symbols, symbols.length());
    }

    /**
     * Decodes the first {@code end} chars of {@code value}, all alphabet characters: copied once
     * into a padded byte array for {@link Base64.Decoder} (CRS runs this on every argument, via
     * {@code multiMatch} rules 934100 and 934160).
     */
    private static String decode(String value, int end) {
        // One symbol alone carries six bits, less than a byte: it is dropped, not an error.
        int usable = end % 4 == 1 ? end - 1 : end;
        int padded = (usable + 3) / 4 * 4;
        byte[] symbols = new byte[padded];
        for (int i = 0; i < usable; i++) {
            symbols[i] = (byte) value.charAt(i);
        }
        for (int i = usable; i < padded; i++) {
            symbols[i] = '=';
        }
        return ByteText.of(Base64.getDecoder().decode(symbols));
    }
}
