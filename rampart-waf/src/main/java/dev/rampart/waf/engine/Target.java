package dev.rampart.waf.engine;

import com.google.re2j.Pattern;
import dev.rampart.waf.variable.Variable;
import dev.rampart.waf.variable.VariableAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * One target of a rule as written: {@code ARGS}, {@code ARGS:q}, {@code ARGS:/^id_/},
 * {@code &ARGS} (count) or {@code !ARGS:password} (exclusion from the rule's other ARGS targets).
 * Immutable apart from a bounded cache of the keys a regular-expression selector picked.
 */
public final class Target {

    /**
     * Keys whose selection by a regular-expression selector is remembered. CRS selects TX members
     * by pattern ({@code TX:/^header_name_920450_/}) in rules run on every request, over a TX of
     * about a hundred members; the keys are mostly the rule set's own, so a small cache holds
     * them, and keys a client chose (headers, arguments) cannot grow it past the bound.
     */
    private static final int MAX_REMEMBERED_KEYS = 1024;

    private final Variable variable;
    /** {@link VariableAccess#familyOf} the variable: read with direct calls, not an interface dispatch. */
    private final int family;
    private final String key;
    /** {@link #key} in lower case, as collections look keys up: lowered once here, not per lookup. */
    private final String lowerKey;
    private final Pattern keyPattern;
    private final boolean count;
    private final boolean exclusion;
    private final String text;
    private final ConcurrentHashMap<String, Boolean> selectedKeys;
    /** {@link #patternSelects} as a predicate, made once rather than per resolve. */
    private final Predicate<String> selector = this::patternSelects;
    /** The transaction's view index of this target's values (keyed targets), set when its rule set is built. */
    private int view = -1;

    /**
     * @param variable   the variable
     * @param key        the selected key, or null
     * @param keyPattern the regular-expression selector, or null
     * @param count      whether the target is {@code &}: the number of values, not the values
     * @param exclusion  whether the target is {@code !}: removes matching members from the rule's targets
     * @param text       the target as written, for messages
     */
    public Target(Variable variable, String key, Pattern keyPattern, boolean count, boolean exclusion, String text) {
        this.variable = variable;
        this.family = VariableAccess.familyOf(variable);
        this.key = key;
        this.lowerKey = key == null ? null : key.toLowerCase(Locale.ROOT);
        this.keyPattern = keyPattern;
        this.count = count;
        this.exclusion = exclusion;
        this.text = text;
        this.selectedKeys = keyPattern == null ? null : new ConcurrentHashMap<>();
    }

    public Variable variable() {
        return variable;
    }

    /** The selected key, or null. */
    public String key() {
        return key;
    }

    /** The regular-expression selector, or null. */
    public Pattern keyPattern() {
        return keyPattern;
    }

    public boolean count() {
        return count;
    }

    public boolean exclusion() {
        return exclusion;
    }

    public String text() {
        return text;
    }

    /**
     * The values of a target without count or regular-expression selector, before exclusions, as
     * a list the transaction keeps while they stay the same (so its transformed view is kept too);
     * null for other targets.
     */
    List<VariableValue> keptValues(TransactionState tx) {
        if (count || keyPattern != null) {
            return null;
        }
        return key == null ? VariableAccess.values(family, variable, tx) : VariableAccess.values(family, variable, tx, lowerKey, view);
    }

    /** The view index {@link TransactionState#transformed} knows {@link #keptValues}'s list by. */
    int view() {
        return key == null ? VariableAccess.viewIndex(family, variable) : view;
    }

    void view(int index) {
        this.view = index;
    }

    /** Whether {@code value}, a value of {@link #variable}, is selected by this target's key or pattern. */
    public boolean selects(VariableValue value) {
        if (key != null) {
            return value.key().equalsIgnoreCase(key);
        }
        if (keyPattern != null) {
            return patternSelects(value.key());
        }
        return true;
    }

    private boolean patternSelects(String memberKey) {
        Boolean known = selectedKeys.get(memberKey);
        if (known != null) {
            return known;
        }
        boolean selected = keyPattern.matcher(memberKey).find();
        if (selectedKeys.size() < MAX_REMEMBERED_KEYS) {
            selectedKeys.put(memberKey, selected);
        }
        return selected;
    }

    /** The values this (non-exclusion) target yields in {@code tx}, minus those any of {@code exclusions} removes. */
    public List<VariableValue> resolve(TransactionState tx, List<Target> exclusions) {
        List<VariableValue> values;
        if (key != null) {
            values = VariableAccess.values(family, variable, tx, lowerKey);
        } else if (keyPattern != null) {
            values = VariableAccess.selectedValues(family, variable, tx, selector);
        } else {
            values = VariableAccess.values(family, variable, tx);
        }
        if (!exclusions.isEmpty() && !values.isEmpty()) {
            List<VariableValue> kept = new ArrayList<>(values.size());
            for (VariableValue value : values) {
                if (!excludes(exclusions, value)) {
                    kept.add(value);
                }
            }
            values = kept;
        }
        if (count) {
            String name = key == null ? variable.name() : variable.name() + ":" + key;
            return List.of(new VariableValue(name, key == null ? "" : key, Integer.toString(values.size())));
        }
        return values;
    }

    /** Whether one of {@code exclusions} removes {@code value}, a value of this target's variable. */
    boolean excludes(List<Target> exclusions, VariableValue value) {
        for (Target exclusion : exclusions) {
            if (exclusion.variable() == variable && exclusion.selects(value)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return text;
    }
}
