package dev.rampart.waf.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Base64DecodeTest {

    private final Base64Decode decode = new Base64Decode();

    @Test
    void decodesPaddedAndUnpaddedInput() {
        assertThat(decode.apply("PHNjcmlwdD4=")).isEqualTo("<script>");
        assertThat(decode.apply("PHNjcmlwdD4")).isEqualTo("<script>");
        assertThat(decode.apply("YQ==")).isEqualTo("a");
        assertThat(decode.apply("YWI")).isEqualTo("ab");
    }

    @Test
    void stopsAtTheFirstCharacterOutsideTheAlphabet() {
        assertThat(decode.apply("YWJj.ZGVm")).isEqualTo("abc");
        assertThat(decode.apply("YWJj ZGVm")).isEqualTo("abc");
        assertThat(decode.apply("!YWJj")).isEmpty();
    }

    @Test
    void dropsADanglingSingleSymbol() {
        assertThat(decode.apply("YWJjZ")).isEqualTo("abc");
    }

    @Test
    void decodesBinaryToOneCharPerByte() {
        assertThat(decode.apply("/w==")).isEqualTo("\u00ff");
    }
}
