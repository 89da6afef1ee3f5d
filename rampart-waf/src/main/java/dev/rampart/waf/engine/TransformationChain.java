package dev.rampart.waf.engine;

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
    /** The chain's index in its rule set, for per-transaction arrays; -1 until the set is built. */
    private int index = -1;

    public TransformationChain(List<String> names, List<Transformation> steps) {
        this.names = List.copyOf(names);
        this.steps = List.copyOf(steps);
    }

    public List<String> names() {
        return names;
    }

    int index() {
        return index;
    }

    void index(int index) {
        this.index = index;
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
     * {@code value} and every distinct intermediate result, as {@code multiMatch} inspects them
     * (ModSecurity runs the operator before the first and after each changing transformation).
     */
    public List<String> applyEach(String value) {
        List<String> results = new ArrayList<>(steps.size() + 1);
        results.add(value);
        String current = value;
        for (Transformation step : steps) {
            String next = step.apply(current);
            if (!next.equals(current)) {
                results.add(next);
            }
            current = next;
        }
        return results;
    }

    @Override
    public String toString() {
        return names.isEmpty() ? "t:none" : "t:" + String.join(",t:", names);
    }
}
