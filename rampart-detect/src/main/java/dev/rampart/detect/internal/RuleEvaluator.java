package dev.rampart.detect.internal;

import dev.rampart.core.SecurityEvent;
import java.util.List;

/**
 * The firing logic of one rule kind. Called on the detector's single worker thread only, so
 * implementations keep plain mutable state.
 */
public interface RuleEvaluator {

    /** Most related events kept per group as evidence. */
    int EVIDENCE_EVENTS = 20;

    /**
     * Looks at one event.
     *
     * @return the group value and related events when the rule fires on this event, else null
     */
    Firing onEvent(SecurityEvent event);

    /** The rule fired for {@code group}; {@code events} are oldest first, the trigger last. */
    record Firing(String group, List<SecurityEvent> events, String summary) {
    }
}
