package dev.rampart.core.config;

import java.time.Duration;
import java.util.List;

/**
 * A detection rule ({@code detection.rules[]}). A rule whose name is that of a built-in rule
 * overrides only the keys it sets; {@code enabled: false} switches a rule off. Defaults are applied
 * by the detector, not here, so that an override can tell "not set" from "set".
 *
 * <ul>
 *   <li>{@code threshold}: a leaky bucket per {@code group-by} value, CrowdSec style. Each matching
 *       event pours one unit (with {@code distinct}, only events with a value not yet in the
 *       bucket); the bucket leaks one unit every {@code leak-every}; the rule fires when the level
 *       reaches {@code count}, and the bucket then starts empty.</li>
 *   <li>{@code sequence}: fires on an event matching {@code then} when at least {@code count}
 *       events matching {@code match} from the same group came within {@code window} before it.</li>
 *   <li>{@code pattern}: fires on each matching event whose {@code field} matches {@code regex} or is
 *       one of {@code values} (neither set: every matching event).</li>
 *   <li>{@code new_value}: fires when {@code field} takes a value never seen before for the group,
 *       once the group has a first known value (e.g. an admin logging in from a new address).</li>
 * </ul>
 */
public record DetectionRuleConfig(
        @Required @Doc("Name of the rule; a built-in's name overrides that built-in.") String name,
        @Doc("Whether the rule runs. Default true.") Boolean enabled,
        @Doc("'threshold', 'sequence', 'pattern' or 'new_value'.") Kind kind,
        @Doc("Events the rule looks at; any filter may match.") List<EventFilterConfig> match,
        @Doc("Sequence rules: the event that completes the sequence.") List<EventFilterConfig> then,
        @Doc("Field whose value separates counts: client_ip, principal, code, source, route or details.<name>. "
                + "Default client_ip.") String groupBy,
        @Doc("Threshold: bucket capacity (the rule fires when the level reaches it). Sequence: events before 'then'.")
        Integer count,
        @Doc("Threshold: the bucket drains completely over this time (default leak-every = window / count). "
                + "Sequence: how far back the events count.") Duration window,
        @Doc("Threshold: one unit leaks each time this passes. Default window / count.") Duration leakEvery,
        @Doc("Threshold: count distinct values of this field instead of events, e.g. details.account.") String distinct,
        @Doc("Pattern and new_value rules: the field inspected.") String field,
        @Doc("Pattern rules: a regular expression the whole field value must match.") String regex,
        @Doc("Pattern rules: values that match.") List<String> values,
        @Doc("Incident severity, SEV-1 (most urgent) to SEV-4. Default SEV-3.") String severity,
        @Doc("Incident kind, which selects the playbook. Default the rule's name.") String incidentKind,
        @Doc("What happens when the rule fires. Default [incident, alert].") List<DetectionActionConfig> actions) {

    /** How the rule decides to fire. */
    public enum Kind {
        threshold,
        sequence,
        pattern,
        new_value
    }

    public DetectionRuleConfig {
        match = match == null ? null : List.copyOf(match);
        then = then == null ? null : List.copyOf(then);
        values = values == null ? null : List.copyOf(values);
        actions = actions == null ? null : List.copyOf(actions);
    }

    /** This rule with every key that {@code override} sets taken from it. */
    public DetectionRuleConfig overriddenBy(DetectionRuleConfig override) {
        return new DetectionRuleConfig(name,
                pick(override.enabled, enabled), pick(override.kind, kind), pick(override.match, match),
                pick(override.then, then), pick(override.groupBy, groupBy), pick(override.count, count),
                pick(override.window, window), pick(override.leakEvery, leakEvery), pick(override.distinct, distinct),
                pick(override.field, field), pick(override.regex, regex), pick(override.values, values),
                pick(override.severity, severity), pick(override.incidentKind, incidentKind),
                pick(override.actions, actions));
    }

    private static <T> T pick(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }
}
