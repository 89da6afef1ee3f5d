package dev.rampart.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.core.config.DetectionActionConfig;
import dev.rampart.core.config.DetectionActionConfig.Action;
import dev.rampart.core.config.DetectionActionConfig.Credential;
import dev.rampart.core.config.DetectionConfig;
import dev.rampart.core.config.DetectionRuleConfig;
import dev.rampart.core.config.PlaybookConfig;
import dev.rampart.detect.Incident.Entry;
import dev.rampart.detect.Incident.TimelineEntry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the detector does when a rule fires: its actions, then the playbook of the incident kind, in order. */
class ActionsAndPlaybooksTest extends DetectorTestBase {

    private static DetectionRuleConfig revokedKeyWith(List<DetectionActionConfig> actions) {
        return new DetectionRuleConfig(BuiltInRules.REVOKED_KEY_USE, null, null, null, null, null, null, null, null, null,
                null, null, null, null, "compromised-key", actions);
    }

    private dev.rampart.core.SecurityEvent revokedKeyUse() {
        return events.of(DetectionEvents.AUTHENTICATION_FAILED, DetectionEvents.REVOKED, "203.0.113.7", "svc-orders",
                Map.of("key_id", "k_7f3a"));
    }

    @Test
    void bruteForceBansTheAddressOpensAnIncidentAndAlerts() {
        start(DetectionConfig.defaults());

        for (int i = 0; i < 5; i++) {
            detector.handle(events.failedLogin("203.0.113.7", "user" + i));
        }

        assertThat(recorders.calls).containsExactly("alert incident.opened", "ban 203.0.113.7");
        assertThat(recorders.alerts).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo("SEV-3");
            assertThat(a.fields()).containsEntry("client_ip", "203.0.113.7").containsKey("incident");
        });
    }

    @Test
    void playbookRunsItsActionsInOrderAfterTheRuleOpensTheIncident() {
        PlaybookConfig playbook = new PlaybookConfig("compromised-key", List.of(
                new DetectionActionConfig(Action.revoke, Credential.api_key, null),
                new DetectionActionConfig(Action.disable, Credential.user, null),
                DetectionActionConfig.of(Action.ban_ip),
                DetectionActionConfig.of(Action.alert)));
        start(new DetectionConfig(null, List.of(revokedKeyWith(List.of(DetectionActionConfig.of(Action.incident)))), null,
                List.of(playbook), null, null, null));

        detector.handle(revokedKeyUse());

        assertThat(recorders.calls).containsExactly("revoke API_KEY k_7f3a", "disable USER svc-orders",
                "ban 203.0.113.7", "alert incident.opened");
        Incident incident = detector.incidents().list(null, 1).get(0);
        assertThat(incident.kind()).isEqualTo("compromised-key");
        assertThat(detector.incidents().show(incident.id()).orElseThrow().timeline())
                .filteredOn(e -> e.entry() == Entry.action).extracting(TimelineEntry::body)
                .containsExactly("playbook compromised-key: 4 actions", "revoke api_key k_7f3a: done",
                        "disable user svc-orders: done", "ban_ip 203.0.113.7: banned until 2026-03-02T10:10:00Z (offence 1)",
                        "alert queued");
    }

    @Test
    void playbookRunsOnlyWhenTheIncidentOpensNotWhenARepeatJoinsIt() {
        start(new DetectionConfig(null, List.of(revokedKeyWith(List.of(DetectionActionConfig.of(Action.incident)))), null,
                List.of(new PlaybookConfig("compromised-key", List.of(DetectionActionConfig.of(Action.ban_ip)))), null,
                null, null));

        detector.handle(revokedKeyUse());
        detector.handle(revokedKeyUse());

        assertThat(recorders.calls).containsExactly("ban 203.0.113.7");
    }

    @Test
    void aFailingActionIsRecordedAndTheNextOnesStillRun() {
        DetectionActionConfig banPrincipal = new DetectionActionConfig(Action.ban_ip, null, "details.missing");
        start(new DetectionConfig(null, List.of(revokedKeyWith(List.of(DetectionActionConfig.of(Action.incident),
                banPrincipal, new DetectionActionConfig(Action.revoke, Credential.api_key, null)))), null, null, null,
                null, null));

        detector.handle(revokedKeyUse());

        assertThat(recorders.calls).containsExactly("revoke API_KEY k_7f3a");
        Incident incident = detector.incidents().show(detector.incidents().list(null, 1).get(0).id()).orElseThrow();
        assertThat(incident.timeline()).filteredOn(e -> e.entry() == Entry.action).extracting(TimelineEntry::body)
                .containsExactly("ban_ip failed: the event that fired rule revoked-key-use has no details.missing",
                        "revoke api_key k_7f3a: done");
    }

    @Test
    void twoPlaybooksForOneKindAreRefused() {
        PlaybookConfig p = new PlaybookConfig("scanning", List.of(DetectionActionConfig.of(Action.alert)));

        assertThatThrownBy(() -> start(new DetectionConfig(null, null, null, List.of(p, p), null, null, null)))
                .hasMessage("detection.playbooks[1]: incident kind scanning already has a playbook; put all its actions in one");
    }

    @Test
    void anActionTargetThatIsNoEventFieldIsRefusedAtStart() {
        PlaybookConfig p = new PlaybookConfig("scanning", List.of(new DetectionActionConfig(Action.ban_ip, null, "ip")));

        assertThatThrownBy(() -> start(new DetectionConfig(null, null, null, List.of(p), null, null, null)))
                .hasMessageStartingWith("detection.playbooks[0].actions[0].target: 'ip' is not an event field");
    }

    @Test
    void eventsPublishedOnTheBusAreHandledOnTheDetectorsWorker() {
        start(DetectionConfig.defaults());

        for (int i = 0; i < 5; i++) {
            recorders.publish(events.failedLogin("203.0.113.7", "user" + i));
        }
        detector.close();

        assertThat(recorders.calls).containsExactly("alert incident.opened", "ban 203.0.113.7");
    }
}
