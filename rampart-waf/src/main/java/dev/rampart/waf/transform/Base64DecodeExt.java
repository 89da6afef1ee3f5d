package dev.rampart.waf.transform;

/**
 * {@code t:base64DecodeExt}: forgiving Base64: skips every character outside the alphabet
 * (whitespace, {@code =}, {@code .}, line breaks) and decodes the rest, so inserting junk between
 * the symbols does not hide the payload.
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
            }
        }
        return Base64Decode.decodeAlphabetOnly(symbols.toString());
    }
}
