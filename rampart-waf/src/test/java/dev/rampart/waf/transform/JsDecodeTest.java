package dev.rampart.waf.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsDecodeTest {

    private final JsDecode decode = new JsDecode();

    @Test
    void decodesHexAndUnicodeEscapes() {
        assertThat(decode.apply("\\x3cscript\\x3E")).isEqualTo("<script>");
        assertThat(decode.apply("\\u0061lert")).isEqualTo("alert");
        assertThat(decode.apply("\\uff1c")).isEqualTo("<");
    }

    @Test
    void decodesOctalUpToOneByte() {
        assertThat(decode.apply("\\141\\0")).isEqualTo("a\0");
        assertThat(decode.apply("\\377")).isEqualTo("\u00ff");
        // \400 would exceed a byte: it is \40 (space) then the digit 0.
        assertThat(decode.apply("\\400")).isEqualTo(" 0");
    }

    @Test
    void decodesSingleCharacterEscapes() {
        assertThat(decode.apply("\\a\\b\\f\\n\\r\\t\\v")).isEqualTo("\u0007\b\f\n\r\t\u000b");
        assertThat(decode.apply("\\'\\\"\\\\\\q")).isEqualTo("'\"\\q");
    }

    @Test
    void takesIncompleteEscapesAsTheEscapedLetter() {
        assertThat(decode.apply("\\x4")).isEqualTo("x4");
        assertThat(decode.apply("\\u12")).isEqualTo("u12");
        // Upper-case \X and \U are not JavaScript escapes.
        assertThat(decode.apply("\\X41")).isEqualTo("X41");
    }

    @Test
    void keepsTrailingBackslash() {
        assertThat(decode.apply("abc\\")).isEqualTo("abc\\");
    }
}
