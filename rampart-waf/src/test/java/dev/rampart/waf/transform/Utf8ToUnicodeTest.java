package dev.rampart.waf.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Utf8ToUnicodeTest {

    private final Utf8ToUnicode convert = new Utf8ToUnicode();

    @Test
    void rewritesMultiByteSequencesAsPercentU() {
        assertThat(convert.apply(ByteText.ofUtf8("caf\u00e9"))).isEqualTo("caf%u00e9");
        assertThat(convert.apply(ByteText.ofUtf8("\uff1cscript\uff1e"))).isEqualTo("%uff1cscript%uff1e");
        assertThat(convert.apply(ByteText.ofUtf8("\u20ac"))).isEqualTo("%u20ac");
    }

    @Test
    void writesCodePointsBeyondTheBmpInFull() {
        assertThat(convert.apply(ByteText.ofUtf8("\ud83d\ude00"))).isEqualTo("%u1f600");
    }

    @Test
    void keepsMalformedBytes() {
        // stray continuation byte, truncated 2-byte sequence, invalid lead byte 0xff
        assertThat(convert.apply("\u0080a\u00c3")).isEqualTo("\u0080a\u00c3");
        assertThat(convert.apply("\u00ff\u00c3(")).isEqualTo("\u00ff\u00c3(");
    }

    @Test
    void feedsUrlDecodeUniSoFullWidthFormsFold() {
        String folded = new UrlDecodeUni().apply(convert.apply(ByteText.ofUtf8("\uff1cscript\uff1e")));
        assertThat(folded).isEqualTo("<script>");
    }

    @Test
    void returnsAsciiUnchanged() {
        String value = "plain <ascii>";
        assertThat(convert.apply(value)).isSameAs(value);
    }
}
