package dev.rampart.detect;

import dev.rampart.core.SecurityEvent;
import dev.rampart.core.SecurityEvent.Severity;
import java.time.Clock;
import java.util.Map;

/** Security events as the guards emit them, at the test clock's time. */
final class Events {

    private final Clock clock;

    Events(Clock clock) {
        this.clock = clock;
    }

    SecurityEvent failedLogin(String ip, String account) {
        return of(DetectionEvents.AUTHENTICATION_FAILED, "bad-secret", ip, null, Map.of(DetectionEvents.ACCOUNT, account));
    }

    SecurityEvent succeededLogin(String ip, String account) {
        return of(DetectionEvents.AUTHENTICATION_SUCCEEDED, null, ip, account, Map.of(DetectionEvents.ACCOUNT, account));
    }

    SecurityEvent adminLogin(String ip, String admin) {
        return of(DetectionEvents.ADMIN_AUTH_SUCCEEDED, null, ip, admin, Map.of());
    }

    SecurityEvent of(String type, String code, String ip, String principal, Map<String, String> details) {
        return new SecurityEvent(clock.instant(), type, Severity.LOW, "test-guard", code, "req-1", "orders", ip,
                principal, details);
    }
}
