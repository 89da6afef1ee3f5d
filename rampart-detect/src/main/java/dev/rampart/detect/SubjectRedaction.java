package dev.rampart.detect;

/**
 * What {@link Incidents#redactSubject} changed: each count is of stored fields rewritten with the
 * subject's values replaced by {@code [erased subject]}.
 *
 * @param incidents incidents that named the subject somewhere
 * @param evidenceSnapshots evidence snapshots redacted
 * @param timelineEvents events on timelines redacted
 * @param notes notes (and resolutions) redacted
 * @param otherFields titles, who acknowledged or resolved, timeline authors, action and state lines
 *     and the keys that join repeat firings to an open incident
 * @param learntValuesDeleted values new_value rules had learnt for or about the subject (e.g. the
 *     addresses an admin logged in from), deleted
 */
public record SubjectRedaction(int incidents, int evidenceSnapshots, int timelineEvents, int notes, int otherFields,
        int learntValuesDeleted) {}
