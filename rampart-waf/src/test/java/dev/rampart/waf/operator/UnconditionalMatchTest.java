package dev.rampart.waf.operator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnconditionalMatchTest {

    @Test
    void matchesEveryValue() {
        assertThat(new UnconditionalMatch().matches("", RecordingContext.plain())).isTrue();
        assertThat(new UnconditionalMatch().matches("anything", RecordingContext.plain())).isTrue();
    }
}
