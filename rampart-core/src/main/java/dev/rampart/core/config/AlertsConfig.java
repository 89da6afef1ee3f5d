package dev.rampart.core.config;

import java.time.Duration;
import java.util.List;

/** Outbound alert delivery ({@code detection.alerts:}). */
public record AlertsConfig(
        @Doc("Receivers; each alert goes to every receiver whose min-severity it meets.") List<WebhookConfig> webhooks,
        @Doc("Deliveries waiting (retries included); an alert beyond it is dropped and counted. Default 1000.")
        Integer queueCapacity,
        @Doc("Tries per delivery, the first included. Default 6.") Integer maxAttempts,
        @Doc("Wait before the first retry; doubled each time. Default 1s.") Duration initialBackoff,
        @Doc("Longest wait between retries. Default 5m.") Duration maxBackoff,
        @Doc("Time a receiver has to answer. Default 10s.") Duration timeout) {

    public AlertsConfig {
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
        queueCapacity = queueCapacity == null ? 1000 : queueCapacity;
        maxAttempts = maxAttempts == null ? 6 : maxAttempts;
        initialBackoff = initialBackoff == null ? Duration.ofSeconds(1) : initialBackoff;
        maxBackoff = maxBackoff == null ? Duration.ofMinutes(5) : maxBackoff;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    }

    public static AlertsConfig defaults() {
        return new AlertsConfig(null, null, null, null, null, null);
    }
}
