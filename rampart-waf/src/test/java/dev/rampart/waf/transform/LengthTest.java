package dev.rampart.waf.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LengthTest {

    @Test
    void countsBytesNotCharacters() {
        assertThat(new Length().apply(ByteText.ofUtf8("caf\u00e9"))).isEqualTo("5");
        assertThat(new Length().apply("")).isEqualTo("0");
        assertThat(new Length().apply("a".repeat(12345))).isEqualTo("12345");
    }
}
