package dev.rampart.detect;

import dev.rampart.core.SecurityEvent;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A rule fired: what it saw, for whom, and how urgent it is. It becomes an incident's evidence and
 * the input of the rule's actions.
 *
 * @param rule the rule's name
 * @param incidentKind the incident kind, which selects the playbook
 * @param severity how urgent
 * @param groupField the field the rule groups by, e.g. {@code client_ip}
 * @param group that field's value for this firing, e.g. {@code 203.0.113.7}
 * @param time the time of the event that made the rule fire
 * @param trigger that event
 * @param events the related events, oldest first, the trigger last (at most the last 20)
 * @param summary one line for people
 */
public record Detection(String rule, String incidentKind, IncidentSeverity severity, String groupField, String group,
        Instant time, SecurityEvent trigger, List<SecurityEvent> events, String summary) {

    public Detection {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(trigger, "trigger");
        events = List.copyOf(events);
    }

    /** Key under which a repeat firing joins the incident still open. */
    public String dedupKey() {
        return rule + "|" + groupField + "=" + group;
    }
}
