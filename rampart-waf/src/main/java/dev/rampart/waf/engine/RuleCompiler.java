package dev.rampart.waf.engine;

import dev.rampart.waf.operator.Operator;
import dev.rampart.waf.transform.Transformation;
import dev.rampart.waf.transform.Transformations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns rule definitions into loaded {@link Rule}s: applies the phase's {@code SecDefaultAction}
 * (transformations unless {@code t:none}, log flags, the action {@code block} stands for) and
 * shares one {@link TransformationChain} between rules naming the same transformations.
 */
public final class RuleCompiler {

    private final Map<List<String>, TransformationChain> chains = new HashMap<>();

    /** Checks a transformation name when the rule is read, so an unknown one fails at its line. */
    public static void checkTransformation(String name) {
        if (!name.equalsIgnoreCase("none")) {
            Transformations.named(name);
        }
    }

    /** Sets the operator of {@code rule} (already built from its name and argument). */
    public static void operator(RuleDefinition rule, String name, String argument, boolean negated, Operator operator) {
        rule.operatorName = name;
        rule.operatorArgument = argument;
        rule.negated = negated;
        rule.operator = operator;
    }

    /** Links {@code next} as the rule that follows {@code rule} in its chain. */
    public static void chainTo(RuleDefinition rule, RuleDefinition next) {
        rule.chained = next;
    }

    /** Whether {@code rule} has the {@code chain} action. */
    public static boolean chains(RuleDefinition rule) {
        return rule.chain;
    }

    /** Whether {@code rule} has an {@code id} action. */
    public static boolean hasId(RuleDefinition rule) {
        return rule.hasId;
    }

    /** Whether {@code rule} has a {@code phase} action. */
    public static boolean hasPhase(RuleDefinition rule) {
        return rule.phaseSet;
    }

    public static int phase(RuleDefinition rule) {
        return rule.phase;
    }

    /** Whether {@code rule} names a disruptive action (deny, pass, block, …). */
    public static boolean hasDisruption(RuleDefinition rule) {
        return rule.disruption != null;
    }

    /** The loaded rule chain starting at {@code start}, with {@code defaults} the SecDefaultAction of its phase (or null). */
    public Rule compile(RuleDefinition start, RuleDefinition defaults) {
        return compile(start, defaults, start.phase, true);
    }

    private Rule compile(RuleDefinition definition, RuleDefinition defaults, int phase, boolean first) {
        definition.phase = phase;
        Rule next = definition.chained == null ? null : compile(definition.chained, defaults, phase, false);
        List<String> names = new ArrayList<>();
        if (!definition.transformationsReset && defaults != null) {
            names.addAll(defaults.transformationNames);
        }
        names.addAll(definition.transformationNames);
        Disruption disruption = Disruption.PASS;
        int status = definition.status;
        if (first) {
            disruption = definition.disruption == null ? defaultDisruption(defaults) : definition.disruption;
            if (disruption == Disruption.BLOCK) {
                disruption = defaultDisruption(defaults);
                if (status == 0 && defaults != null) {
                    status = defaults.status;
                }
            }
        }
        boolean log = definition.log != null ? definition.log
                : defaults == null || defaults.log == null || defaults.log;
        return new Rule(definition, definition.targets, chain(names), disruption, status, log, next);
    }

    private static Disruption defaultDisruption(RuleDefinition defaults) {
        if (defaults == null || defaults.disruption == null || defaults.disruption == Disruption.BLOCK) {
            return Disruption.PASS;
        }
        return defaults.disruption;
    }

    private TransformationChain chain(List<String> names) {
        return chains.computeIfAbsent(List.copyOf(names), key -> {
            List<Transformation> steps = new ArrayList<>(key.size());
            for (String name : key) {
                steps.add(Transformations.named(name));
            }
            return new TransformationChain(key, steps);
        });
    }

    /** A {@code SecMarker}. */
    public static Rule marker(String name, String file, int line) {
        return Rule.marker(name, file, line);
    }
}
