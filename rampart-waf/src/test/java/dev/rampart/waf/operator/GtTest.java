package dev.rampart.waf.operator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GtTest {

    @Test
    void matchesStrictlyGreater() {
        Gt gt = new Gt("255");
        assertThat(gt.matches("256", RecordingContext.plain())).isTrue();
        assertThat(gt.matches("255", RecordingContext.plain())).isFalse();
        assertThat(gt.matches("abc", RecordingContext.plain())).isFalse();
    }

    @Test
    void hugeValueStaysGreaterThanAnyLimit() {
        assertThat(new Gt("1000000").matches("184467440737095516160000", RecordingContext.plain())).isTrue();
    }
}
