package dev.rampart.waf.operator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LtTest {

    @Test
    void matchesStrictlyLess() {
        Lt lt = new Lt("2");
        assertThat(lt.matches("1", RecordingContext.plain())).isTrue();
        assertThat(lt.matches("2", RecordingContext.plain())).isFalse();
        assertThat(lt.matches("-1", RecordingContext.plain())).isTrue();
    }

    @Test
    void comparesAgainstTheParanoiaLevelMacro() {
        Lt lt = new Lt("%{tx.detection_paranoia_level}");
        assertThat(lt.matches("1", RecordingContext.plain().with("tx.detection_paranoia_level", "2"))).isTrue();
        assertThat(lt.matches("2", RecordingContext.plain().with("tx.detection_paranoia_level", "2"))).isFalse();
    }
}
