package dev.rampart.waf.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Base64DecodeExtTest {

    private final Base64DecodeExt decode = new Base64DecodeExt();

    @Test
    void skipsCharactersOutsideTheAlphabet() {
        assertThat(decode.apply("PHNj.cmlw\r\ndD4=")).isEqualTo("<script>");
        assertThat(decode.apply("Y W J j")).isEqualTo("abc");
    }

    @Test
    void treatsPaddingInTheMiddleAsNoise() {
        assertThat(decode.apply("YQ==YWJj")).isEqualTo(new Base64Decode().apply("YQYWJj"));
    }

    @Test
    void readsTheUrlSafeAlphabet() {
        assertThat(decode.apply("-_8")).isEqualTo(new Base64Decode().apply("+/8"));
        assertThat(decode.apply("-_8")).isEqualTo("\u00fb\u00ff");
    }

    @Test
    void decodesNothingFromNoise() {
        assertThat(decode.apply("!!!")).isEmpty();
    }
}
