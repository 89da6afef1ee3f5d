package dev.rampart.waf.transform;

/**
 * {@code t:urlEncode}: percent-encodes every byte but ASCII letters, digits and {@code *}, with a
 * space as {@code +} (form encoding), the inverse of {@code t:urlDecode}.
 * <pre>SecRule ARGS:q "@contains %3cscript" "id:1,phase:2,t:urlEncode,t:lowercase,deny"</pre>
 */
public final class UrlEncode implements Transformation {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    @Override
    public String apply(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '*') {
                out.append(c);
            } else if (c == ' ') {
                out.append('+');
            } else {
                out.append('%').append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }
}
