package dev.rampart.waf.transform;

import java.util.Base64;

/**
 * {@code t:base64Encode}: encodes the value's bytes as standard padded Base64 (RFC 4648 §4).
 * <pre>SecRule ARGS:token "@streq c2VjcmV0" "id:1,phase:2,t:base64Encode,pass"</pre>
 */
public final class Base64Encode implements Transformation {

    @Override
    public String apply(String value) {
        return Base64.getEncoder().encodeToString(ByteText.bytes(value));
    }
}
