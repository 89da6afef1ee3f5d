package dev.rampart.detect.internal;

import dev.rampart.core.SecurityEvent;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A new-value rule: fires when a field takes a value never seen before for its group — an admin
 * logging in from an address they never used. The first value of a group is learnt silently
 * (a fresh installation would otherwise open an incident for its own first login). Known values
 * are kept in the store, so a restart does not make every address new again.
 */
public final class NewValueEvaluator implements RuleEvaluator {

    private final String rule;
    private final List<EventFilter> match;
    private final EventField groupBy;
    private final EventField field;
    private final SeenValueRepository seen;
    private final BoundedGroups<Set<String>> known = new BoundedGroups<>(10_000);

    public NewValueEvaluator(String rule, List<EventFilter> match, EventField groupBy, EventField field,
            SeenValueRepository seen) {
        this.rule = rule;
        this.match = List.copyOf(match);
        this.groupBy = groupBy;
        this.field = field;
        this.seen = seen;
    }

    @Override
    public Firing onEvent(SecurityEvent event) {
        if (!EventFilter.anyMatches(match, event)) {
            return null;
        }
        String group = groupBy.read(event);
        String value = field.read(event);
        if (group == null || value == null) {
            return null;
        }
        Set<String> values = known.computeIfAbsent(group, g -> new HashSet<>(seen.values(rule, g)));
        if (values.contains(value)) {
            return null;
        }
        boolean hadAny = !values.isEmpty();
        values.add(value);
        seen.add(rule, group, value, event.time());
        if (!hadAny) {
            return null;
        }
        return new Firing(group, List.of(event), "new " + field.name() + " " + value + " for " + groupBy.name() + " "
                + group + " (" + (values.size() - 1) + " known before)");
    }
}
