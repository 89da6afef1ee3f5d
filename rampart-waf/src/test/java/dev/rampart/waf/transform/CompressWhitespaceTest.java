package dev.rampart.waf.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CompressWhitespaceTest {

    private final CompressWhitespace compress = new CompressWhitespace();

    @Test
    void turnsEachRunIntoOneSpace() {
        assertThat(compress.apply("union \t\n\u000b\f\r\u00a0select")).isEqualTo("union select");
        assertThat(compress.apply("  a  b  ")).isEqualTo(" a b ");
    }

    @Test
    void turnsSingleTabIntoSpace() {
        assertThat(compress.apply("a\tb")).isEqualTo("a b");
    }

    @Test
    void keepsEmptyValue() {
        assertThat(compress.apply("")).isEmpty();
    }
}
