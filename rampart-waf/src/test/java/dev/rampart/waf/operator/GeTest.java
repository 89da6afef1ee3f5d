package dev.rampart.waf.operator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GeTest {

    @Test
    void matchesGreaterOrEqual() {
        Ge ge = new Ge("5");
        assertThat(ge.matches("5", RecordingContext.plain())).isTrue();
        assertThat(ge.matches("6", RecordingContext.plain())).isTrue();
        assertThat(ge.matches("4", RecordingContext.plain())).isFalse();
        assertThat(ge.matches("-10", RecordingContext.plain())).isFalse();
    }

    @Test
    void comparesAgainstTheAnomalyThresholdMacro() {
        Ge ge = new Ge("%{tx.inbound_anomaly_score_threshold}");
        assertThat(ge.matches("5", RecordingContext.plain().with("tx.inbound_anomaly_score_threshold", "5"))).isTrue();
        assertThat(ge.matches("3", RecordingContext.plain().with("tx.inbound_anomaly_score_threshold", "5"))).isFalse();
    }
}
