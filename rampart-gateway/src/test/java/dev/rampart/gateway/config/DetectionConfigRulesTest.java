package dev.rampart.gateway.config;

import static dev.rampart.gateway.config.TestConfigs.errors;
import static dev.rampart.gateway.config.TestConfigs.load;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The detection: section is checked by the detector's own rules, each error placed at its key. */
class DetectionConfigRulesTest {

    @TempDir
    Path dir;

    @Test
    void refusesWhatTheDetectorWouldRefuseAtTheKeyConcerned() {
        assertThat(errors(dir, """
                detection:
                  rules:
                    - name: export-abuse
                      count: 20
                  sla:
                    SEV-9: {respond: 10m, resolve: 1h}
                  playbooks:
                    - incident-kind: brute-force-ip
                      actions: [{action: ban_ip}]
                    - incident-kind: brute-force-ip
                      actions: [{action: alert}]
                  alerts:
                    webhooks:
                      - {url: "ftp://hooks.example.com/x", secret: s3cr3t-for-tests}
                """)).containsExactly(
                "rampart.yaml:3:7: detection.rules[0].kind: is missing; use threshold, sequence, pattern or new_value",
                "rampart.yaml:6:5: detection.sla.SEV-9: 'SEV-9' is not a severity; use SEV-1, SEV-2, SEV-3 or SEV-4",
                "rampart.yaml:10:7: detection.playbooks[1]: incident kind brute-force-ip already has a playbook; "
                        + "put all its actions in one",
                "rampart.yaml:14:15: detection.alerts.webhooks[0].url: must be an absolute http(s) URL, e.g. "
                        + "https://alerts.example.com/rampart");
    }

    @Test
    void theBuiltInRulesNeedNoConfigAndOverridesMayTuneThem() {
        assertThat(load(dir, """
                detection:
                  rules:
                    - {name: brute-force-ip, count: 10}
                    - {name: scanning, enabled: false}
                """).config().detection().rules()).hasSize(2);
    }
}
