package dev.rampart.waf.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrimTest {

    @Test
    void removesWhitespaceOnBothSides() {
        assertThat(new Trim().apply(" \t\n\u000b\f\r a b \r\n")).isEqualTo("a b");
    }

    @Test
    void trimsAllWhitespaceToEmpty() {
        assertThat(new Trim().apply(" \t ")).isEmpty();
    }

    @Test
    void keepsNonBreakingSpaceAndNul() {
        assertThat(new Trim().apply("\u00a0a\0")).isEqualTo("\u00a0a\0");
    }
}
