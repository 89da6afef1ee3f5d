package dev.rampart.waf.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlDecodeUniTest {

    private final UrlDecodeUni decode = new UrlDecodeUni();

    @Test
    void decodesPercentUEscapesKeepingTheLowByte() {
        assertThat(decode.apply("%u0041%U0042")).isEqualTo("AB");
        assertThat(decode.apply("%u20ac")).isEqualTo("\u00ac");
    }

    @Test
    void foldsFullWidthAsciiToAscii() {
        assertThat(decode.apply("%uff1cscript%uff1e")).isEqualTo("<script>");
        assertThat(decode.apply("%uFF01%uff5e")).isEqualTo("!~");
        // U+FF5F is past the full-width ASCII block: only the low byte stays.
        assertThat(decode.apply("%uff5f")).isEqualTo("\u005f");
    }

    @Test
    void stillDecodesPlainEscapesAndPlus() {
        assertThat(decode.apply("a+%3Cb%3e")).isEqualTo("a <b>");
    }

    @Test
    void keepsIncompleteUnicodeEscapes() {
        assertThat(decode.apply("%u004")).isEqualTo("%u004");
        assertThat(decode.apply("%u00zz")).isEqualTo("%u00zz");
    }
}
