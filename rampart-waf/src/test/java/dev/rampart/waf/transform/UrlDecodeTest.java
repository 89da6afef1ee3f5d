package dev.rampart.waf.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlDecodeTest {

    private final UrlDecode decode = new UrlDecode();

    @Test
    void decodesPercentEscapesInEitherCaseAndPlusAsSpace() {
        assertThat(decode.apply("a%20b+c%2fd%2Fe")).isEqualTo("a b c/d/e");
    }

    @Test
    void decodesHighBytesToOneCharEach() {
        assertThat(decode.apply("%c3%a9")).isEqualTo("\u00c3\u00a9").isEqualTo(ByteText.ofUtf8("\u00e9"));
        assertThat(decode.apply("%00")).isEqualTo("\0");
    }

    @Test
    void keepsInvalidAndTruncatedEscapes() {
        assertThat(decode.apply("%zz%4")).isEqualTo("%zz%4");
        assertThat(decode.apply("100%")).isEqualTo("100%");
        assertThat(decode.apply("%%41")).isEqualTo("%A");
    }

    @Test
    void leavesUnicodeEscapesToUrlDecodeUni() {
        assertThat(decode.apply("%u0041")).isEqualTo("%u0041");
    }

    @Test
    void decodesOnlyOnce() {
        assertThat(decode.apply("%2541")).isEqualTo("%41");
    }

    @Test
    void returnsValueWithoutEscapesUnchanged() {
        String value = "plain text";
        assertThat(decode.apply(value)).isSameAs(value);
    }
}
