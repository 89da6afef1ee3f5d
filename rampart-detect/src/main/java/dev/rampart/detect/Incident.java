package dev.rampart.detect;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An incident: something a rule found that people must look at, with the clock running.
 *
 * @param id stable id, e.g. {@code inc-3f2a9c0e1b7d}
 * @param kind what sort of incident (selects the playbook), by default the rule's name
 * @param rule the rule that opened it
 * @param severity how urgent
 * @param state where it is in its life
 * @param title one line for people
 * @param evidence JSON snapshot taken when it opened: rule, group, the events that made it fire
 * @param openedAt when it opened
 * @param respondBy when it must be acknowledged (response SLA)
 * @param resolveBy when it must be resolved (resolution SLA)
 * @param acknowledgedAt when acknowledged, or null
 * @param acknowledgedBy who acknowledged it, or null
 * @param resolvedAt when resolved, or null
 * @param resolvedBy who resolved it, or null
 * @param responseBreachedAt when the response SLA was found breached, or null
 * @param resolutionBreachedAt when the resolution SLA was found breached, or null
 * @param timeline related events, state changes, actions and notes in order; empty in lists
 */
public record Incident(String id, String kind, String rule, IncidentSeverity severity, State state, String title,
        String evidence, Instant openedAt, Instant respondBy, Instant resolveBy, Instant acknowledgedAt,
        String acknowledgedBy, Instant resolvedAt, String resolvedBy, Instant responseBreachedAt,
        Instant resolutionBreachedAt, List<TimelineEntry> timeline) {

    /** Life of an incident: open → acknowledged → resolved (or open → resolved). */
    public enum State {
        open,
        acknowledged,
        resolved
    }

    public Incident {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        timeline = List.copyOf(timeline);
    }

    /** This incident with {@code entries} as its timeline. */
    public Incident withTimeline(List<TimelineEntry> entries) {
        return new Incident(id, kind, rule, severity, state, title, evidence, openedAt, respondBy, resolveBy,
                acknowledgedAt, acknowledgedBy, resolvedAt, resolvedBy, responseBreachedAt, resolutionBreachedAt, entries);
    }

    /**
     * One line of the timeline.
     *
     * @param seq position, from 1
     * @param at when
     * @param entry what sort of line
     * @param author who wrote a note or changed the state, or null for the detector
     * @param body the event as JSON, the new state, the action and its outcome, or the note's text
     */
    public record TimelineEntry(int seq, Instant at, Entry entry, String author, String body) {
    }

    /** Sorts of timeline lines. */
    public enum Entry {
        event,
        state,
        action,
        note
    }
}
