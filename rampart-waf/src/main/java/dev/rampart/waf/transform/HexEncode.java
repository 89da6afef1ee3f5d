package dev.rampart.waf.transform;

import java.util.HexFormat;

/**
 * {@code t:hexEncode}: each byte of the value as two lowercase hex digits.
 * <pre>SecRule ARGS "@contains 3c736372697074" "id:1,phase:2,t:hexEncode,deny"</pre>
 */
public final class HexEncode implements Transformation {

    @Override
    public String apply(String value) {
        return HexFormat.of().formatHex(ByteText.bytes(value));
    }
}
