package dev.rampart.waf.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Base64EncodeTest {

    @Test
    void encodesBytesWithPadding() {
        assertThat(new Base64Encode().apply("<script>")).isEqualTo("PHNjcmlwdD4=");
        assertThat(new Base64Encode().apply("\u00ff")).isEqualTo("/w==");
        assertThat(new Base64Encode().apply("")).isEmpty();
    }

    @Test
    void roundTripsThroughBase64Decode() {
        String bytes = "\0\u0001\u00fe\u00ffabc";
        assertThat(new Base64Decode().apply(new Base64Encode().apply(bytes))).isEqualTo(bytes);
    }
}
