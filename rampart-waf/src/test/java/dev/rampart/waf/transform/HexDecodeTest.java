package dev.rampart.waf.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HexDecodeTest {

    private final HexDecode decode = new HexDecode();

    @Test
    void decodesDigitPairsInEitherCase() {
        assertThat(decode.apply("3c7363726970743E")).isEqualTo("<script>");
        assertThat(decode.apply("00FF")).isEqualTo("\0\u00ff");
    }

    @Test
    void keepsValuesThatAreNotHex() {
        assertThat(decode.apply("3c7")).isEqualTo("3c7");
        assertThat(decode.apply("zz41")).isEqualTo("zz41");
        assertThat(decode.apply("")).isEmpty();
    }

    @Test
    void roundTripsThroughHexEncode() {
        String bytes = "\0\u0080\u00ffx";
        assertThat(decode.apply(new HexEncode().apply(bytes))).isEqualTo(bytes);
    }
}
