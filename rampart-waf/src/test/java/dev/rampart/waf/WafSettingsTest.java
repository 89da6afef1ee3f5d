package dev.rampart.waf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WafSettingsTest {

    @Test
    void paranoiaAndThresholdsBecomeTheTxValuesCrsReads() {
        WafSettings settings = WafSettings.defaults().withParanoiaLevel(2).withAnomalyThresholds(10, 8);

        assertThat(settings.transactionValues()).containsEntry("blocking_paranoia_level", "2")
                .containsEntry("detection_paranoia_level", "2")
                .containsEntry("inbound_anomaly_score_threshold", "10")
                .containsEntry("outbound_anomaly_score_threshold", "8");
    }

    @Test
    void rejectsOutOfRangeValuesSayingWhatIsAllowed() {
        assertThatThrownBy(() -> WafSettings.defaults().withParanoiaLevel(5)).hasMessage("paranoia level must be 1-4, got 5");
        assertThatThrownBy(() -> WafSettings.defaults().withAnomalyThresholds(0, 4))
                .hasMessage("anomaly thresholds must be at least 1, got 0/4");
    }

    @Test
    void directivesAccumulateInOrder() {
        WafSettings settings = WafSettings.defaults().withDirectives("SecRuleRemoveById 1").withDirectives("SecRuleRemoveById 2");

        assertThat(settings.directives()).containsExactly("SecRuleRemoveById 1", "SecRuleRemoveById 2");
    }
}
