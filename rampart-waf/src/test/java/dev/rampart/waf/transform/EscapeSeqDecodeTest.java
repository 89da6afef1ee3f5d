package dev.rampart.waf.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EscapeSeqDecodeTest {

    private final EscapeSeqDecode decode = new EscapeSeqDecode();

    @Test
    void decodesAnsiCSingleCharacterEscapes() {
        assertThat(decode.apply("\\a\\b\\f\\n\\r\\t\\v\\\\\\?\\'\\\"")).isEqualTo("\u0007\b\f\n\r\t\u000b\\?'\"");
    }

    @Test
    void decodesHexWithExactlyTwoDigits() {
        assertThat(decode.apply("\\x2f\\X2F")).isEqualTo("//");
        assertThat(decode.apply("\\x2")).isEqualTo("\\x2");
        assertThat(decode.apply("\\xzz")).isEqualTo("\\xzz");
    }

    @Test
    void decodesOneToThreeOctalDigits() {
        assertThat(decode.apply("\\057etc\\57\\0")).isEqualTo("/etc/\0");
        assertThat(decode.apply("\\1012")).isEqualTo("A2");
        assertThat(decode.apply("\\777")).isEqualTo("\u00ff");
    }

    @Test
    void keepsUnknownEscapesAndTrailingBackslash() {
        assertThat(decode.apply("\\q\\")).isEqualTo("\\q\\");
    }
}
