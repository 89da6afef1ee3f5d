package dev.rampart.detect.internal;

import dev.rampart.detect.Incident.State;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The detector's meters. Names (Prometheus spelling in brackets):
 * {@code rampart.detection.events} [{@code rampart_detection_events_total}{type}] events seen;
 * {@code rampart.detection.rule.fired} [{@code rampart_detection_rule_fired_total}{rule}];
 * {@code rampart.detection.action} [{@code _total}{action, outcome}];
 * {@code rampart.detection.events.dropped} events lost because the detector's queue was full;
 * {@code rampart.incidents} [{@code rampart_incidents}{state}] incidents per state;
 * {@code rampart.incidents.sla.breached} [{@code _total}{timer}].
 */
public final class DetectorMetrics {

    private final MeterRegistry registry;
    private final Map<State, AtomicLong> incidentsByState = new EnumMap<>(State.class);
    private final Map<String, Counter> eventsByType = new ConcurrentHashMap<>();
    private final Counter dropped;

    public DetectorMetrics(MeterRegistry registry, Iterable<String> ruleNames) {
        this.registry = registry;
        for (State state : State.values()) {
            AtomicLong value = new AtomicLong();
            incidentsByState.put(state, value);
            Gauge.builder("rampart.incidents", value, AtomicLong::get).tag("state", state.name())
                    .description("Incidents in each state").register(registry);
        }
        for (String rule : ruleNames) {
            ruleFired(rule, 0);
        }
        for (String timer : new String[] {"response", "resolution"}) {
            registry.counter("rampart.incidents.sla.breached", "timer", timer);
        }
        this.dropped = Counter.builder("rampart.detection.events.dropped")
                .description("Events the detector did not see because its queue was full").register(registry);
    }

    /** Event types come from code, not from clients, so the tag's values stay few. */
    public void eventSeen(String type) {
        eventsByType.computeIfAbsent(type, t -> Counter.builder("rampart.detection.events").tag("type", t)
                .description("Security events seen by the detector").register(registry)).increment();
    }

    public void ruleFired(String rule, int times) {
        Counter.builder("rampart.detection.rule.fired").tag("rule", rule)
                .description("Times each detection rule fired").register(registry).increment(times);
    }

    public void action(String action, boolean succeeded) {
        registry.counter("rampart.detection.action", "action", action, "outcome", succeeded ? "ok" : "failed").increment();
    }

    public void slaBreached(String timer) {
        registry.counter("rampart.incidents.sla.breached", "timer", timer).increment();
    }

    public void dropped() {
        dropped.increment();
    }

    public void incidents(Map<State, Long> counts) {
        counts.forEach((state, n) -> incidentsByState.get(state).set(n));
    }
}
