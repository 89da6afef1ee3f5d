package dev.rampart.gateway.config;

import dev.rampart.audit.AuditPrivacy;
import dev.rampart.core.config.AuditConfig;
import java.time.Duration;

/** Checks of the {@code audit:} section, each naming the key it is about. */
final class AuditRules {

    private AuditRules() {
    }

    static void check(AuditConfig audit, Findings findings) {
        if (audit.checkpointInterval().compareTo(Duration.ofSeconds(1)) < 0) {
            findings.error("audit.checkpoint-interval", "must be at least 1s, got "
                    + audit.checkpointInterval());
        }
        for (int i = 0; i < audit.pseudonymise().size(); i++) {
            String field = audit.pseudonymise().get(i);
            if (field == null || field.isBlank()) {
                findings.error("audit.pseudonymise[" + i + "]", "is empty: name 'principal', 'client-ip' or a detail key");
            }
        }
        for (int i = 0; i < audit.mask().size(); i++) {
            String key = audit.mask().get(i);
            if (key == null || key.isBlank()) {
                findings.error("audit.mask[" + i + "]", "is empty: name a detail key");
            } else if (audit.pseudonymise().contains(key)) {
                findings.error("audit.mask[" + i + "]", "'" + key
                        + "' is also in audit.pseudonymise; a value is either pseudonymised or masked");
            } else if (AuditPrivacy.isSecretName(key)) {
                findings.error("audit.mask[" + i + "]", "'" + key
                        + "' is named like a secret and is always masked in full; remove it");
            }
        }
        for (int i = 0; i < audit.subjectDetails().size(); i++) {
            String key = audit.subjectDetails().get(i);
            if (key == null || key.isBlank()) {
                findings.error("audit.subject-details[" + i + "]", "is empty: name a detail key, e.g. account");
            } else if (audit.mask().contains(key)) {
                findings.error("audit.subject-details[" + i + "]", "'" + key
                        + "' is also in audit.mask; a value is either encrypted per subject or masked");
            }
        }
        if (audit.retentionCheckInterval().compareTo(Duration.ofSeconds(1)) < 0) {
            findings.error("audit.retention-check-interval", "must be at least 1s, got " + audit.retentionCheckInterval());
        }
        audit.retention().forEach((type, period) -> {
            if (period == null || period.isNegative() || period.isZero()) {
                findings.error("audit.retention." + type, "must be a positive duration such as 30d");
            }
        });
        AuditConfig.AuditSinksConfig sinks = audit.sinks();
        if (sinks.file() != null && sinks.file().keep() < 1) {
            findings.error("audit.sinks.file.keep", "must be at least 1, got " + sinks.file().keep());
        }
        if (sinks.file() != null && sinks.file().maxSize().bytes() < 1024) {
            findings.error("audit.sinks.file.max-size", "must be at least 1KB, got " + sinks.file().maxSize());
        }
        if (sinks.syslog() != null && (sinks.syslog().port() < 1 || sinks.syslog().port() > 65535)) {
            findings.error("audit.sinks.syslog.port", "must be 1..65535, got " + sinks.syslog().port());
        }
    }
}
