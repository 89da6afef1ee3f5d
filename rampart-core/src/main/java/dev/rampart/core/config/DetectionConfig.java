package dev.rampart.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Intrusion detection, incidents, playbooks and alerts ({@code detection:}). */
public record DetectionConfig(
        @Doc("Whether the detector runs. Default true.") Boolean enabled,
        @Doc("Own rules, and overrides of built-in rules by name.") List<DetectionRuleConfig> rules,
        @Doc("Response and resolution times per severity (SEV-1..SEV-4). Defaults: SEV-1 15m/4h, SEV-2 1h/1d, "
                + "SEV-3 4h/3d, SEV-4 1d/7d.") Map<String, IncidentSlaConfig> sla,
        @Doc("Actions run in order when an incident of a kind opens.") List<PlaybookConfig> playbooks,
        @Doc("Where alerts go.") AlertsConfig alerts,
        @Doc("Events waiting for the detector; beyond it they are dropped and counted. Default 10000.")
        Integer queueCapacity,
        @Doc("How often SLA timers are checked. Default 30s.") Duration slaCheckInterval) {

    public DetectionConfig {
        enabled = enabled == null ? Boolean.TRUE : enabled;
        rules = rules == null ? List.of() : List.copyOf(rules);
        sla = sla == null ? Map.of() : Map.copyOf(sla);
        playbooks = playbooks == null ? List.of() : List.copyOf(playbooks);
        alerts = alerts == null ? AlertsConfig.defaults() : alerts;
        queueCapacity = queueCapacity == null ? 10_000 : queueCapacity;
        slaCheckInterval = slaCheckInterval == null ? Duration.ofSeconds(30) : slaCheckInterval;
    }

    public static DetectionConfig defaults() {
        return new DetectionConfig(null, null, null, null, null, null, null);
    }
}
