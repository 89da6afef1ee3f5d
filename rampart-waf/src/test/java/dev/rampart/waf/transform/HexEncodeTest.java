package dev.rampart.waf.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HexEncodeTest {

    @Test
    void writesTwoLowercaseDigitsPerByte() {
        assertThat(new HexEncode().apply("<a>\0\u00ff")).isEqualTo("3c613e00ff");
        assertThat(new HexEncode().apply("")).isEmpty();
    }
}
