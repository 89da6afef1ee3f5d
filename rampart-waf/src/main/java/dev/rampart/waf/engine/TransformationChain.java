package dev.rampart.waf.engine;

import dev.rampart.waf.transform.CharClasses;
import dev.rampart.waf.transform.Transformation;
import java.util.ArrayList;
import java.util.List;

/**
 * The transformations a rule applies, in order ({@code t:urlDecodeUni,t:lowercase}). Chains with the
 * same names are one instance per rule set, so a transaction caches each chain's result per value
 * once and every rule sharing the chain reuses it.
 */
public final class TransformationChain {

    private final List<String> names;
    private final List<Transformation> steps;
    /** The union of the steps' {@link Transformation#triggers()}: a value holding none passes unchanged. */
    private final int triggers;
    /** Each step's triggers, read for every value and chain: an array, not an interface call. */
    private final int[] stepTriggers;

    public TransformationChain(List<String> names, List<Transformation> steps) {
        this.names = List.copyOf(names);
        this.steps = List.copyOf(steps);
        int union = 0;
        this.stepTriggers = new int[this.steps.size()];
        for (int i = 0; i < stepTriggers.length; i++) {
            stepTriggers[i] = this.steps.get(i).triggers();
            union |= stepTriggers[i];
        }
        this.triggers = union;
    }

    public List<String> names() {
        return names;
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** {@code value} after every step. */
    public String apply(String value) {
        String current = value;
        for (Transformation step : steps) {
            current = step.apply(current);
        }
        return current;
    }

    /**
     * {@link #apply}, given the {@link CharClasses} of {@code value}: a step whose triggers the
     * value does not hold is skipped without looking at the value (the classes are worked out
     * again only after a step changed it). Returns {@code value} itself when no step applied.
     */
    public String apply(String value, int classes) {
        if ((triggers & classes) == 0) {
            return value;
        }
        return applyFrom(0, value, classes);
    }

    /** The index of the first step a value of {@code classes} triggers, or -1 when none does. */
    int firstTriggered(int classes) {
        if ((triggers & classes) == 0) {
            return -1;
        }
        for (int i = 0; i < steps.size(); i++) {
            if ((stepTriggers[i] & classes) != 0) {
                return i;
            }
        }
        return -1;
    }

    Transformation step(int index) {
        return steps.get(index);
    }

    /** Steps {@code from} onwards applied to {@code value} (of {@code classes}), skipping those it does not trigger. */
    String applyFrom(int from, String value, int classes) {
        String current = value;
        int currentClasses = classes;
        for (int i = from; i < stepTriggers.length; i++) {
            if ((stepTriggers[i] & currentClasses) == 0) {
                continue;
            }
            String next = steps.get(i).apply(current);
            if (next != current) {
                current = next;
                currentClasses = CharClasses.of(current);
            }
        }
        return current;
    }

    /** Whether a value of {@code classes} may come out of {@link #apply} changed. */
    public boolean mayChange(int classes) {
        return (triggers & classes) != 0;
    }

    /**
     * {@code value} and every distinct intermediate result, as {@code multiMatch} inspects them
     * (ModSecurity runs the operator before the first and after each changing transformation).
     */
    public List<String> applyEach(String value) {
        return applyEach(value, CharClasses.of(value));
    }

    /** {@link #applyEach(String)}, skipping the steps a value of {@code classes} does not trigger. */
    public List<String> applyEach(String value, int classes) {
        if ((triggers & classes) == 0) {
            return List.of(value);
        }
        return applyEachFrom(0, value, value, classes);
    }

    /**
     * {@link #applyEach(String, int)} of {@code value} when the steps before {@code from} made
     * {@code current} of it (of {@code classes}; {@code value} itself when they changed nothing).
     */
    List<String> applyEachFrom(int from, String value, String current, int classes) {
        List<String> results = new ArrayList<>(steps.size() + 1);
        results.add(value);
        if (!current.equals(value)) {
            results.add(current);
        }
        int currentClasses = classes;
        for (int i = from; i < stepTriggers.length; i++) {
            if ((stepTriggers[i] & currentClasses) == 0) {
                continue;
            }
            String next = steps.get(i).apply(current);
            if (!next.equals(current)) {
                results.add(next);
                current = next;
                currentClasses = CharClasses.of(current);
            }
        }
        return results;
    }

    @Override
    public String toString() {
        return names.isEmpty() ? "t:none" : "t:" + String.join(",t:", names);
    }
}
