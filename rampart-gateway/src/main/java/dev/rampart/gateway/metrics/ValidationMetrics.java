package dev.rampart.gateway.metrics;

import dev.rampart.core.EventBus;
import dev.rampart.core.SecurityEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts validation events ({@code rampart.validation.violations}, by route, event type and the first
 * violation's rule): rejected requests, body limits hit and upstream responses that break the
 * contract, whether they were denied or only logged. Rules are the library's JSON Schema keywords
 * and limit names, and routes come from the config, so no tag value is chosen by a client.
 */
public final class ValidationMetrics implements EventBus.Listener {

    private static final String TYPE_PREFIX = "validation.";

    private final MeterRegistry registry;

    public ValidationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onEvent(SecurityEvent event) {
        if (!event.type().startsWith(TYPE_PREFIX)) {
            return;
        }
        String rule = event.details().get("rule");
        Counter.builder("rampart.validation.violations")
                .description("Requests rejected and responses flagged by input validation, by route, event type and rule")
                .tags("route", event.routeId() == null ? "none" : event.routeId(), "type", event.type(),
                        "rule", rule == null ? "unknown" : rule)
                .register(registry)
                .increment();
    }
}
