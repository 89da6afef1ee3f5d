package dev.rampart.detect.internal;

import dev.rampart.core.SecurityEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A sequence rule: fires on an event matching {@code then} when at least {@code count} events
 * matching {@code match} from the same group arrived within {@code window} before it — e.g. a
 * successful login after a run of failures from one address, the signature of a guessed password.
 * The window is exact (a sliding log of the last {@code count} times per group), not a bucket.
 */
public final class SequenceEvaluator implements RuleEvaluator {

    private final List<EventFilter> match;
    private final List<EventFilter> then;
    private final EventField groupBy;
    private final int count;
    private final Duration window;
    private final BoundedGroups<ArrayDeque<SecurityEvent>> before = new BoundedGroups<>(BoundedGroups.MAX_GROUPS);

    public SequenceEvaluator(List<EventFilter> match, List<EventFilter> then, EventField groupBy, int count,
            Duration window) {
        this.match = List.copyOf(match);
        this.then = List.copyOf(then);
        this.groupBy = groupBy;
        this.count = count;
        this.window = window;
    }

    @Override
    public Firing onEvent(SecurityEvent event) {
        String group = groupBy.read(event);
        if (group == null) {
            return null;
        }
        if (EventFilter.anyMatches(then, event)) {
            ArrayDeque<SecurityEvent> earlier = before.remove(group);
            if (earlier == null) {
                return null;
            }
            dropOlderThan(earlier, event.time().minus(window));
            if (earlier.size() < count) {
                return null;
            }
            List<SecurityEvent> events = new ArrayList<>(earlier);
            events.add(event);
            return new Firing(group, events, event.type() + " after " + earlier.size() + " matching events within "
                    + window + " from " + groupBy.name() + " " + group);
        }
        if (EventFilter.anyMatches(match, event)) {
            ArrayDeque<SecurityEvent> earlier = before.computeIfAbsent(group, g -> new ArrayDeque<>());
            earlier.addLast(event);
            // the last `count` events decide; older ones can only have left the window first
            while (earlier.size() > Math.max(count, 1)) {
                earlier.removeFirst();
            }
        }
        return null;
    }

    private static void dropOlderThan(ArrayDeque<SecurityEvent> events, Instant start) {
        while (!events.isEmpty() && events.peekFirst().time().isBefore(start)) {
            events.removeFirst();
        }
    }
}
