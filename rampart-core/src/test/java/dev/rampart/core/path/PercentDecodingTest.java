package dev.rampart.core.path;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PercentDecodingTest {

    @Test
    void decodesEscapesAsUtf8AndKeepsPlus() {
        assertThat(PercentDecoding.decodeSegment("caf%C3%a9+%2F")).isEqualTo("café+/");
        assertThat(PercentDecoding.decodeSegment("%F0%9F%98%80x")).isEqualTo("\uD83D\uDE00x");
    }

    @Test
    void returnsTheSameInstanceWhenThereIsNothingToDecode() {
        String plain = "orders";
        assertThat(PercentDecoding.decodeSegment(plain)).isSameAs(plain);
    }

    @Test
    void keepsMalformedEscapesAsWritten() {
        assertThat(PercentDecoding.decodeSegment("a%zz%41")).isEqualTo("a%zzA");
        assertThat(PercentDecoding.decodeSegment("%4")).isEqualTo("%4");
        assertThat(PercentDecoding.decodeSegment("%")).isEqualTo("%");
        assertThat(PercentDecoding.decodeSegment("%%41")).isEqualTo("%A");
    }

    @Test
    void takesOnlyAsciiHexDigits() {
        // Fullwidth digits are Unicode digits (Character.digit accepts them), not RFC 3986 HEXDIG.
        assertThat(PercentDecoding.decodeSegment("%\uFF14\uFF11")).isEqualTo("%\uFF14\uFF11");
        assertThat(PercentDecoding.hex('f')).isEqualTo(15);
        assertThat(PercentDecoding.hex('G')).isEqualTo(-1);
    }

    @Test
    void keepsCharactersOutsideTheBasicPlaneNextToEscapes() {
        assertThat(PercentDecoding.decodeSegment("\uD83D\uDE00%41")).isEqualTo("\uD83D\uDE00A");
    }

    @Test
    void invalidUtf8BecomesTheReplacementCharacter() {
        assertThat(PercentDecoding.decodeSegment("%C3x")).isEqualTo("\uFFFDx");
    }
}
