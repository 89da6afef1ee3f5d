package dev.rampart.waf.operator;

import dev.rampart.waf.transform.ByteText;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * {@code @validateUtf8Encoding}: matches when the value's bytes are not well-formed UTF-8 as RFC
 * 3629 defines it: truncated sequences, stray continuation bytes, overlong forms ({@code %c0%af}
 * for {@code /}, the classic traversal evasion), surrogates and code points above U+10FFFF.
 * <pre>SecRule ARGS "@validateUtf8Encoding" "id:1,phase:2,t:urlDecodeUni,deny"</pre>
 */
public final class ValidateUtf8Encoding implements Operator {

    @Override
    public boolean matches(String value, MatchContext context) {
        if (ascii(value)) {
            return false;
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(ByteText.bytes(value)));
            return false;
        } catch (CharacterCodingException malformed) {
            return true;
        }
    }

    /** Whether every char is ASCII (most values): such a value is well-formed UTF-8 as it stands. */
    private static boolean ascii(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
