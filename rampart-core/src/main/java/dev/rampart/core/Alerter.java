package dev.rampart.core;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Tells people that something needs their attention: an incident opened, an SLA breached. Core
 * defines it so that whatever raises alerts (the detector) does not depend on how they are
 * delivered (webhooks, chat, a pager). {@link #send} never blocks: implementations queue and
 * deliver in the background.
 */
public interface Alerter {

    /**
     * Queues an alert for delivery.
     *
     * @return {@code false} when it could not be queued (the queue is full); the implementation
     *     counts such drops
     */
    boolean send(Alert alert);

    /**
     * One alert.
     *
     * @param time when the condition was detected
     * @param kind what happened, stable for routing, e.g. {@code incident.opened}, {@code incident.sla-breached}
     * @param severity {@code SEV-1} (most urgent) to {@code SEV-4}
     * @param title one line for people
     * @param text a few lines more
     * @param fields facts to show as a table (incident id, client IP, rule), no secrets
     */
    record Alert(Instant time, String kind, String severity, String title, String text, Map<String, String> fields) {
        public Alert {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(title, "title");
            text = text == null ? "" : text;
            fields = Map.copyOf(fields == null ? Map.of() : fields);
        }
    }
}
