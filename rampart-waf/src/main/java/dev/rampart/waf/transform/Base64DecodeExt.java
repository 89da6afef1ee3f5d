package dev.rampart.waf.transform;

/**
 * {@code t:base64DecodeExt}: forgiving Base64: reads the URL-safe symbols {@code -} and
 * {@code _} as {@code +} and {@code /} (RFC 4648 §5), skips every other character outside the
 * alphabet (whitespace, {@code =}, {@code .}, line breaks) and decodes the rest, so neither the
 * URL-safe alphabet nor junk between the symbols hides the payload.
 * <pre>SecRule ARGS "@rx <script" "id:1,phase:2,t:base64DecodeExt,deny"</pre>
 */
public final class Base64DecodeExt implements Transformation {

    @Override
    public String apply(String value) {
        StringBuilder symbols = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Base64Decode.isAlphabet(c)) {
                symbols.append(c);
            } else if (c == '-') {
                symbols.append('+');
            } else if (c == '_') {
                symbols.append('/');
            }
        }
        return Base64Decode.decodeAlphabetOnly(symbols.toString());
    }
}
