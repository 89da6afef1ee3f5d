package dev.rampart.core.config;

import java.time.Duration;

/** How fast an incident of one severity must be acknowledged and resolved. */
public record IncidentSlaConfig(
        @Required @Doc("Time from opening to acknowledgement.") Duration respond,
        @Required @Doc("Time from opening to resolution.") Duration resolve) {
}
