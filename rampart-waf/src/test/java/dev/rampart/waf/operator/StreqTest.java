package dev.rampart.waf.operator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreqTest {

    @Test
    void matchesOnlyTheExactString() {
        assertThat(new Streq("POST").matches("POST", RecordingContext.plain())).isTrue();
        assertThat(new Streq("POST").matches("post", RecordingContext.plain())).isFalse();
        assertThat(new Streq("POST").matches("POST ", RecordingContext.plain())).isFalse();
        assertThat(new Streq("").matches("", RecordingContext.plain())).isTrue();
    }

    @Test
    void comparesWithAnExpandedMacro() {
        Streq sameAsCaptured = new Streq("%{TX.2}");
        assertThat(sameAsCaptured.matches("x", RecordingContext.plain().with("tx.2", "x"))).isTrue();
        assertThat(sameAsCaptured.matches("x", RecordingContext.plain().with("tx.2", "y"))).isFalse();
    }
}
