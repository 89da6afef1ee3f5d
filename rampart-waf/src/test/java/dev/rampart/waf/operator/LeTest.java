package dev.rampart.waf.operator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LeTest {

    @Test
    void matchesLessOrEqual() {
        Le le = new Le("1024");
        assertThat(le.matches("1024", RecordingContext.plain())).isTrue();
        assertThat(le.matches("0", RecordingContext.plain())).isTrue();
        assertThat(le.matches("1025", RecordingContext.plain())).isFalse();
    }
}
