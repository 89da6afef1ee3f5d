package dev.rampart.waf.operator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NoMatchTest {

    @Test
    void matchesNoValue() {
        assertThat(new NoMatch().matches("", RecordingContext.plain())).isFalse();
        assertThat(new NoMatch().matches("<script>", RecordingContext.plain())).isFalse();
    }
}
