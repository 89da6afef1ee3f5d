package dev.rampart.core;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Something a guard observed that matters for security: a denial, a failed login, a ban, a
 * matched WAF rule. Events flow over the {@link EventBus} to the audit log and the detector.
 * Fields never hold secrets: callers hash or mask them before building an event.
 *
 * @param time when it happened
 * @param type dot-separated event type, e.g. {@code request.denied}, {@code config.reloaded}
 * @param severity how serious it is
 * @param source the guard or component that emitted it, e.g. {@code ip-filter}
 * @param code stable reason code, e.g. {@code ip-denied}; may be null for informational events
 * @param requestId the request's id, null for events outside a request
 * @param routeId the matched route, or null
 * @param clientIp the client address as text, or null
 * @param principalId the authenticated caller, or null
 * @param details further facts, no secrets
 */
public record SecurityEvent(
        Instant time,
        String type,
        Severity severity,
        String source,
        String code,
        String requestId,
        String routeId,
        String clientIp,
        String principalId,
        Map<String, String> details) {

    /** Event severity, lowest first. */
    public enum Severity {
        INFO,
        LOW,
        MEDIUM,
        HIGH,
        CRITICAL
    }

    public SecurityEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(source, "source");
        details = Map.copyOf(details == null ? Map.of() : details);
    }

    /** An event that belongs to no request, e.g. a config reload. */
    public static SecurityEvent system(String type, Severity severity, String source, String code,
            Map<String, String> details) {
        return new SecurityEvent(Instant.now(), type, severity, source, code, null, null, null, null, details);
    }
}
