package dev.rampart.waf.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrimLeftTest {

    @Test
    void removesLeadingWhitespaceOnly() {
        assertThat(new TrimLeft().apply(" \t\u000bselect ")).isEqualTo("select ");
        assertThat(new TrimLeft().apply("   ")).isEmpty();
    }
}
