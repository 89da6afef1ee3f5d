package dev.rampart.waf.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RemoveNullsTest {

    @Test
    void deletesEveryNulByte() {
        assertThat(new RemoveNulls().apply("\0sel\0\0ect\0")).isEqualTo("select");
        assertThat(new RemoveNulls().apply("\0")).isEmpty();
    }

    @Test
    void returnsValueWithoutNulsUnchanged() {
        String value = "no nul";
        assertThat(new RemoveNulls().apply(value)).isSameAs(value);
    }
}
