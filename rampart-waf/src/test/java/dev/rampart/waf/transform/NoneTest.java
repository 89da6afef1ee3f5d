package dev.rampart.waf.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NoneTest {

    @Test
    void returnsTheSameValue() {
        String value = "%41 <b>\0";
        assertThat(new None().apply(value)).isSameAs(value);
        assertThat(new None().apply("")).isEmpty();
    }
}
