package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;
import dev.rampart.waf.engine.VariableValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * A SecLang variable or collection ({@code REQUEST_URI}, {@code ARGS}, {@code TX}): what a rule
 * target reads from the transaction. The engine applies selectors ({@code ARGS:q},
 * {@code ARGS:/^id_/}), exclusions ({@code !ARGS:password}) and counts ({@code &ARGS}) on top of
 * {@link #values}.
 */
public interface Variable {

    /** The SecLang name, upper case. */
    String name();

    /**
     * The index of the transaction's view of this variable's values ({@link TransactionState#valuesOf}),
     * -1 when its values are built on each call.
     */
    default int viewIndex() {
        return -1;
    }

    /** Whether the variable is a collection whose members a selector may pick. */
    boolean isCollection();

    /** Every value of this variable in {@code tx}: one per member of a collection, at most one otherwise. */
    List<VariableValue> values(TransactionState tx);

    /** The members whose key equals {@code key}, ignoring case (for a single-valued variable: all values). */
    default List<VariableValue> values(TransactionState tx, String key) {
        List<VariableValue> all = values(tx);
        if (!isCollection()) {
            return all;
        }
        String wanted = key.toLowerCase(Locale.ROOT);
        return all.stream().filter(v -> v.key().toLowerCase(Locale.ROOT).equals(wanted)).toList();
    }

    /**
     * {@link #values(TransactionState, String)}, for a collection built once per transaction and
     * {@code view} (the rule target asking) and reused while the collection is unchanged.
     */
    default List<VariableValue> values(TransactionState tx, String key, int view) {
        return values(tx, key);
    }

    /** The value of the first member under {@code key} (as {@link #values(TransactionState, String)} orders them), or null. */
    default String firstValue(TransactionState tx, String key) {
        List<VariableValue> values = values(tx, key);
        return values.isEmpty() ? null : values.get(0).value();
    }

    /**
     * The members whose key {@code selector} accepts (a {@code :/regex/} selector), in the order of
     * {@link #values}; collections build values for the selected members only.
     */
    default List<VariableValue> selectedValues(TransactionState tx, Predicate<String> selector) {
        List<VariableValue> selected = new ArrayList<>();
        for (VariableValue value : values(tx)) {
            if (selector.test(value.key())) {
                selected.add(value);
            }
        }
        return selected;
    }

    /** Checks a selector when the rules are loaded; throws IllegalArgumentException with what is allowed. */
    default void checkSelector(String key) {
        if (!isCollection()) {
            throw new IllegalArgumentException(
                    name() + " is a single value and takes no selector (found '" + key + "')");
        }
    }
}
