package dev.rampart.waf.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CssDecodeTest {

    private final CssDecode decode = new CssDecode();

    @Test
    void decodesHexEscapesOfOneToSixDigits() {
        assertThat(decode.apply("\\65xpression")).isEqualTo("expression");
        assertThat(decode.apply("\\000065xpression")).isEqualTo("expression");
        assertThat(decode.apply("\\a")).isEqualTo("\n");
    }

    @Test
    void swallowsOneWhitespaceAfterAHexEscape() {
        assertThat(decode.apply("\\6a avascript")).isEqualTo("javascript");
        assertThat(decode.apply("\\6a  x")).isEqualTo("j x");
    }

    @Test
    void foldsFullWidthAsciiAndKeepsLowByteOtherwise() {
        assertThat(decode.apply("\\ff1c")).isEqualTo("<");
        assertThat(decode.apply("\\0ff1c")).isEqualTo("<");
        assertThat(decode.apply("\\1ff1c")).isEqualTo("\u001c");
        assertThat(decode.apply("\\123")).isEqualTo("#");
    }

    @Test
    void takesOtherEscapedCharactersLiterally() {
        assertThat(decode.apply("ja\\vascript\\:")).isEqualTo("javascript:");
        assertThat(decode.apply("\\\\")).isEqualTo("\\");
    }

    @Test
    void dropsLineContinuationAndTrailingBackslash() {
        assertThat(decode.apply("java\\\nscript")).isEqualTo("javascript");
        assertThat(decode.apply("abc\\")).isEqualTo("abc");
    }

    @Test
    void readsAtMostSixHexDigits() {
        assertThat(decode.apply("\\0000411")).isEqualTo("A1");
    }
}
