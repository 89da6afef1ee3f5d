package dev.rampart.gateway.config;

import static dev.rampart.gateway.config.TestConfigs.errors;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks of the audit: section, each placed at the key it concerns. */
class AuditConfigRulesTest {

    @TempDir
    Path dir;

    @Test
    void refusesSettingsTheLogCannotHonour() {
        assertThat(errors(dir, """
                audit:
                  checkpoint-interval: 100ms
                  pseudonymise: [client-ip]
                  mask: [client-ip, password]
                  retention: {request.allowed: 0s}
                  sinks:
                    syslog: {host: logs.example.com, port: 70000}
                """)).containsExactly(
                "rampart.yaml:2:24: audit.checkpoint-interval: must be at least 1s, got PT0.1S",
                "rampart.yaml:4:10: audit.mask[0]: 'client-ip' is also in audit.pseudonymise; a value is either pseudonymised or masked",
                "rampart.yaml:4:21: audit.mask[1]: 'password' is named like a secret and is always masked in full; remove it",
                "rampart.yaml:5:32: audit.retention.request.allowed: must be a positive duration such as 30d",
                "rampart.yaml:7:44: audit.sinks.syslog.port: must be 1..65535, got 70000");
    }

    @Test
    void refusesASubjectDetailThatIsAlsoMaskedAndATooShortRetentionInterval() {
        assertThat(errors(dir, """
                audit:
                  mask: [card]
                  subject-details: [account, card, ""]
                  retention-check-interval: 10ms
                """)).containsExactly(
                "rampart.yaml:3:30: audit.subject-details[1]: 'card' is also in audit.mask; a value is either encrypted per subject or masked",
                "rampart.yaml:3:36: audit.subject-details[2]: is empty: name a detail key, e.g. account",
                "rampart.yaml:4:29: audit.retention-check-interval: must be at least 1s, got PT0.01S");
    }
}
