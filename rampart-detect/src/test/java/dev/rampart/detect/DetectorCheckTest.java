package dev.rampart.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.core.config.AlertsConfig;
import dev.rampart.core.config.DetectionConfig;
import dev.rampart.core.config.DetectionRuleConfig;
import dev.rampart.core.config.IncidentSlaConfig;
import dev.rampart.core.config.PlaybookConfig;
import dev.rampart.core.config.WebhookConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Detector#check} finds what {@link Detector#start} would refuse, naming the config path. */
class DetectorCheckTest {

    @Test
    void theDefaultsAreValid() {
        assertThat(Detector.check(DetectionConfig.defaults())).isEmpty();
    }

    @Test
    void eachWrongPartIsNamedByItsPath() {
        DetectionRuleConfig noKind = new DetectionRuleConfig("own-rule", null, null, null, null, null, 3, null,
                null, null, null, null, null, null, null, null);
        IncidentSlaConfig timers = new IncidentSlaConfig(Duration.ofMinutes(5), Duration.ofHours(1));
        PlaybookConfig noKindPlaybook = new PlaybookConfig(" ", List.of());
        AlertsConfig unsigned = new AlertsConfig(List.of(new WebhookConfig("https://hooks.example.com/x", null, null,
                null)), null, null, null, null, null);
        DetectionConfig config = new DetectionConfig(null, List.of(noKind), Map.of("SEV-9", timers),
                List.of(noKindPlaybook), unsigned, 0, Duration.ZERO);

        assertThat(Detector.check(config)).satisfiesExactly(
                p -> assertThat(p).startsWith("detection.rules[own-rule].kind is missing"),
                p -> assertThat(p).startsWith("detection.sla.SEV-9: 'SEV-9' is not a severity"),
                p -> assertThat(p).startsWith("detection.playbooks[0].incident-kind is missing"),
                p -> assertThat(p).startsWith("detection.alerts.webhooks[0].secret is missing"),
                p -> assertThat(p).startsWith("detection.queue-capacity: must be 1 or more"),
                p -> assertThat(p).startsWith("detection.sla-check-interval: must be a positive duration"));
    }
}
