package dev.rampart.detect.internal;

import dev.rampart.core.SecurityEvent;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A pattern rule: every matching event whose field matches a regular expression (whole value) or
 * lies in a set of values fires at once — e.g. any use of a revoked key.
 */
public final class PatternEvaluator implements RuleEvaluator {

    private final List<EventFilter> match;
    private final EventField groupBy;
    private final EventField field;
    private final Pattern regex;
    private final Set<String> values;

    /** {@code field} null: every matching event fires; else {@code regex} or {@code values} must match it. */
    public PatternEvaluator(List<EventFilter> match, EventField groupBy, EventField field, Pattern regex,
            Set<String> values) {
        this.match = List.copyOf(match);
        this.groupBy = groupBy;
        this.field = field;
        this.regex = regex;
        this.values = values == null ? Set.of() : Set.copyOf(values);
    }

    @Override
    public Firing onEvent(SecurityEvent event) {
        if (!EventFilter.anyMatches(match, event)) {
            return null;
        }
        String group = groupBy.read(event);
        if (group == null) {
            return null;
        }
        if (field != null) {
            String value = field.read(event);
            boolean hit = value != null && (regex != null && regex.matcher(value).matches() || values.contains(value));
            if (!hit) {
                return null;
            }
        }
        return new Firing(group, List.of(event), event.type() + (event.code() == null ? "" : " (" + event.code() + ")")
                + " from " + groupBy.name() + " " + group);
    }
}
