package dev.rampart.waf.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplaceNullsTest {

    @Test
    void replacesEveryNulByteWithASpace() {
        assertThat(new ReplaceNulls().apply("union\0select\0\0")).isEqualTo("union select  ");
    }

    @Test
    void leavesOtherControlBytes() {
        assertThat(new ReplaceNulls().apply("a\u0001b")).isEqualTo("a\u0001b");
    }
}
