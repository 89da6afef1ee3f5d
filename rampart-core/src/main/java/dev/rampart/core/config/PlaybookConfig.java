package dev.rampart.core.config;

import java.util.List;

/** Ordered actions that run, in the order written, when an incident of {@code incident-kind} opens. */
public record PlaybookConfig(
        @Required @Doc("The incident kind (a rule's incident-kind, by default its name).") String incidentKind,
        @Required @Doc("Actions in order; an 'incident' action here is ignored (the incident exists).")
        List<DetectionActionConfig> actions) {

    public PlaybookConfig {
        actions = actions == null ? List.of() : List.copyOf(actions);
    }
}
