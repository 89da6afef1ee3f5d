package dev.rampart.waf.transform;

import java.util.HexFormat;

/**
 * {@code t:hexDecode}: decodes a value made of hex digit pairs (either case) into bytes; a value
 * of odd length or with a non-hex character is not hex-encoded and is kept as it is.
 * <pre>SecRule ARGS:data "@contains <script" "id:1,phase:2,t:hexDecode,deny"</pre>
 */
public final class HexDecode implements Transformation {

    @Override
    public String apply(String value) {
        if (value.length() % 2 != 0 || !ByteText.hasHexDigits(value, 0, value.length())) {
            return value;
        }
        return ByteText.of(HexFormat.of().parseHex(value));
    }
}
