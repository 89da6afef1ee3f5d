package dev.rampart.waf.engine;

import com.google.re2j.Pattern;
import dev.rampart.waf.variable.Variable;
import java.util.ArrayList;
import java.util.List;

/**
 * One target of a rule as written: {@code ARGS}, {@code ARGS:q}, {@code ARGS:/^id_/},
 * {@code &ARGS} (count) or {@code !ARGS:password} (exclusion from the rule's other ARGS targets).
 *
 * @param variable   the variable
 * @param key        the selected key, or null
 * @param keyPattern the regular-expression selector, or null
 * @param count      whether the target is {@code &}: the number of values, not the values
 * @param exclusion  whether the target is {@code !}: removes matching members from the rule's targets
 * @param text       the target as written, for messages
 */
public record Target(Variable variable, String key, Pattern keyPattern, boolean count, boolean exclusion, String text) {

    /** Whether {@code value}, a value of {@link #variable}, is selected by this target's key or pattern. */
    public boolean selects(VariableValue value) {
        if (key != null) {
            return value.key().equalsIgnoreCase(key);
        }
        if (keyPattern != null) {
            return keyPattern.matcher(value.key()).find();
        }
        return true;
    }

    /** The values this (non-exclusion) target yields in {@code tx}, minus those any of {@code exclusions} removes. */
    public List<VariableValue> resolve(TransactionState tx, List<Target> exclusions) {
        List<VariableValue> values;
        if (key != null) {
            values = variable.values(tx, key);
        } else if (keyPattern != null) {
            values = new ArrayList<>();
            for (VariableValue value : variable.values(tx)) {
                if (keyPattern.matcher(value.key()).find()) {
                    values.add(value);
                }
            }
        } else {
            values = variable.values(tx);
        }
        if (!exclusions.isEmpty() && !values.isEmpty()) {
            List<VariableValue> kept = new ArrayList<>(values.size());
            for (VariableValue value : values) {
                if (!excluded(value, exclusions)) {
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

    private boolean excluded(VariableValue value, List<Target> exclusions) {
        for (Target exclusion : exclusions) {
            if (exclusion.variable() == variable && exclusion.selects(value)) {
                return true;
            }
        }
        return false;
    }
}
