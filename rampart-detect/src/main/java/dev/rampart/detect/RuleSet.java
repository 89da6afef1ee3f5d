package dev.rampart.detect;

import dev.rampart.core.SecurityEvent;
import dev.rampart.core.config.DetectionActionConfig;
import dev.rampart.core.config.DetectionRuleConfig;
import dev.rampart.core.config.DetectionRuleConfig.Kind;
import dev.rampart.detect.internal.EventField;
import dev.rampart.detect.internal.EventFilter;
import dev.rampart.detect.internal.LeakyBucketEvaluator;
import dev.rampart.detect.internal.NewValueEvaluator;
import dev.rampart.detect.internal.PatternEvaluator;
import dev.rampart.detect.internal.RuleEvaluator;
import dev.rampart.detect.internal.SeenValueRepository;
import dev.rampart.detect.internal.SequenceEvaluator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The effective rules (built-ins merged with the config's rules and overrides), each compiled once
 * at start. Not thread-safe: the detector's single worker feeds it.
 */
final class RuleSet {

    /** A rule ready to run. */
    record CompiledRule(String name, IncidentSeverity severity, String incidentKind, String groupField,
            RuleEvaluator evaluator, List<DetectionActionConfig> actions) {
    }

    private final List<CompiledRule> rules;

    private RuleSet(List<CompiledRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * Merges the built-in rules with {@code configured} (same name: the configured keys override the
     * built-in's) and compiles the enabled ones.
     *
     * @throws IllegalArgumentException naming the rule and key when a rule is incomplete or wrong
     */
    static RuleSet compile(List<DetectionRuleConfig> configured, SeenValueRepository seen) {
        Map<String, DetectionRuleConfig> effective = new LinkedHashMap<>();
        BuiltInRules.all().forEach(r -> effective.put(r.name(), r));
        for (DetectionRuleConfig rule : configured) {
            if (rule.name() == null || rule.name().isBlank()) {
                throw new IllegalArgumentException("detection.rules: every rule needs a name");
            }
            effective.merge(rule.name(), rule, DetectionRuleConfig::overriddenBy);
        }
        List<CompiledRule> compiled = new ArrayList<>();
        for (DetectionRuleConfig rule : effective.values()) {
            if (!Boolean.FALSE.equals(rule.enabled())) {
                compiled.add(compile(rule, seen));
            }
        }
        return new RuleSet(compiled);
    }

    static CompiledRule compile(DetectionRuleConfig rule, SeenValueRepository seen) {
        String at = "detection.rules[" + rule.name() + "]";
        if (rule.kind() == null) {
            throw new IllegalArgumentException(at + ".kind is missing; use threshold, sequence, pattern or new_value");
        }
        if (rule.match() == null || rule.match().isEmpty()) {
            throw new IllegalArgumentException(at + ".match is missing; give at least one filter, e.g. "
                    + "{types: [authentication.failed]}");
        }
        List<EventFilter> match = EventFilter.all(rule.match());
        String groupName = rule.groupBy() == null ? "client_ip" : rule.groupBy();
        EventField groupBy = EventField.parse(groupName, at + ".group-by");
        RuleEvaluator evaluator = switch (rule.kind()) {
            case threshold -> {
                int count = positive(rule.count(), at + ".count");
                Duration window = positive(rule.window(), at + ".window");
                Duration leak = rule.leakEvery() != null ? positive(rule.leakEvery(), at + ".leak-every")
                        : window.dividedBy(count);
                EventField distinct = rule.distinct() == null ? null : EventField.parse(rule.distinct(), at + ".distinct");
                yield new LeakyBucketEvaluator(match, groupBy, distinct, count, leak);
            }
            case sequence -> {
                if (rule.then() == null || rule.then().isEmpty()) {
                    throw new IllegalArgumentException(at + ".then is missing; a sequence rule needs the event that "
                            + "completes it, e.g. {types: [authentication.succeeded]}");
                }
                yield new SequenceEvaluator(match, EventFilter.all(rule.then()), groupBy,
                        positive(rule.count(), at + ".count"), positive(rule.window(), at + ".window"));
            }
            case pattern -> new PatternEvaluator(match, groupBy,
                    rule.field() == null ? null : EventField.parse(rule.field(), at + ".field"), regex(rule.regex(), at),
                    rule.values() == null ? Set.of() : Set.copyOf(rule.values()));
            case new_value -> {
                if (rule.field() == null) {
                    throw new IllegalArgumentException(at + ".field is missing; a new_value rule needs the field whose "
                            + "new values it reports, e.g. client_ip");
                }
                yield new NewValueEvaluator(rule.name(), match, groupBy, EventField.parse(rule.field(), at + ".field"), seen);
            }
        };
        if (rule.kind() == Kind.pattern && rule.field() == null && (rule.regex() != null || rule.values() != null)) {
            throw new IllegalArgumentException(at + ".field is missing; regex and values are matched against it");
        }
        IncidentSeverity severity = IncidentSeverity.parse(rule.severity() == null ? "SEV-3" : rule.severity(),
                at + ".severity");
        List<DetectionActionConfig> actions = rule.actions() == null
                ? List.of(DetectionActionConfig.of(DetectionActionConfig.Action.incident),
                        DetectionActionConfig.of(DetectionActionConfig.Action.alert))
                : rule.actions();
        checkActions(actions, at + ".actions");
        return new CompiledRule(rule.name(), severity, rule.incidentKind() == null ? rule.name() : rule.incidentKind(),
                groupName, evaluator, actions);
    }

    /**
     * Checks that every action names what it does and, when it has a target, that the target is an
     * event field, so that a typo fails at start and not when an attack is under way.
     */
    static void checkActions(List<DetectionActionConfig> actions, String at) {
        for (int i = 0; i < actions.size(); i++) {
            DetectionActionConfig action = actions.get(i);
            if (action.action() == null) {
                throw new IllegalArgumentException(at + "[" + i + "].action is missing; use incident, alert, "
                        + "ban_ip, revoke or disable");
            }
            if (action.target() != null) {
                EventField.parse(action.target(), at + "[" + i + "].target");
            }
        }
    }

    /** Every rule that fires on {@code event}, in rule order. */
    List<Detection> evaluate(SecurityEvent event) {
        List<Detection> detections = new ArrayList<>(1);
        for (CompiledRule rule : rules) {
            RuleEvaluator.Firing firing = rule.evaluator().onEvent(event);
            if (firing != null) {
                detections.add(new Detection(rule.name(), rule.incidentKind(), rule.severity(), rule.groupField(),
                        firing.group(), event.time(), event, firing.events(), firing.summary()));
            }
        }
        return detections;
    }

    List<CompiledRule> rules() {
        return rules;
    }

    CompiledRule rule(String name) {
        return rules.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    private static Pattern regex(String regex, String at) {
        if (regex == null) {
            return null;
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(at + ".regex is not a valid regular expression: " + e.getDescription()
                    + " near index " + e.getIndex(), e);
        }
    }

    private static int positive(Integer value, String at) {
        if (value == null || value < 1) {
            throw new IllegalArgumentException(at + " is " + value + "; it must be 1 or more");
        }
        return value;
    }

    private static Duration positive(Duration value, String at) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(at + " is " + value + "; it must be a positive duration such as 5m");
        }
        return value;
    }
}
