package dev.rampart.gateway.metrics;

import dev.rampart.core.EventBus;
import dev.rampart.core.SecurityEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts sensitive data found in upstream responses ({@code rampart.pii.detections}, by route, type
 * and action; one increment per value found) from the pii guard's {@code pii.detected} events, and
 * responses it could not scan ({@code rampart.pii.not.inspected}, by route, reason and outcome). Tag
 * values come from the config and the guard, never from a response.
 */
public final class PiiMetrics implements EventBus.Listener {

    private final MeterRegistry registry;

    public PiiMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onEvent(SecurityEvent event) {
        String route = event.routeId() == null ? "none" : event.routeId();
        if (event.type().equals("pii.detected")) {
            String types = event.details().getOrDefault("types", "");
            String action = event.details().getOrDefault("action", "unknown");
            for (String entry : types.split(",")) {
                int eq = entry.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                Counter.builder("rampart.pii.detections")
                        .description("Sensitive values found in upstream responses, by route, type and action")
                        .tags("route", route, "type", entry.substring(0, eq), "action", action)
                        .register(registry)
                        .increment(Long.parseLong(entry.substring(eq + 1)));
            }
        } else if (event.type().equals("pii.not-inspected")) {
            Counter.builder("rampart.pii.not.inspected")
                    .description("Upstream responses the pii guard could not scan, by route, reason and outcome")
                    .tags("route", route, "reason", event.details().getOrDefault("reason", "unknown"),
                            "outcome", event.details().getOrDefault("outcome", "unknown"))
                    .register(registry)
                    .increment();
        }
    }
}
