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
        if (value.chars().allMatch(c -> c < 0x80)) {
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
}
