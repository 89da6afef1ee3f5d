package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;
import dev.rampart.waf.engine.VariableValue;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads a {@link Variable} through the final methods of its family (single value, collection,
 * collection names) rather than through the interface. Each SecLang variable is a class of its own
 * (about seventy), so the engine's call {@code variable.values(tx)}, made for every target of every
 * rule, was an interface dispatch over all of them: the JVM's interface-table search took about an
 * eighth of a benign GET through CRS. A target finds its variable's family once; the calls below
 * are then direct.
 *
 * <pre>{@code
 * int family = VariableAccess.familyOf(variable);          // when the target is built
 * List<VariableValue> values = VariableAccess.values(family, variable, tx);
 * }</pre>
 */
public final class VariableAccess {

    /** A variable of none of the families below: read through the interface. */
    public static final int OTHER = 0;
    private static final int SINGLE = 1;
    private static final int COLLECTION = 2;
    private static final int NAMES = 3;

    private VariableAccess() {}

    /** The family of {@code variable}, to pass to the other methods with it. */
    public static int familyOf(Variable variable) {
        if (variable instanceof ScalarVariable) {
            return SINGLE;
        }
        if (variable instanceof CollectionVariable) {
            return COLLECTION;
        }
        if (variable instanceof NamesVariable) {
            return NAMES;
        }
        return OTHER;
    }

    /** {@link Variable#values(TransactionState)}. */
    public static List<VariableValue> values(int family, Variable variable, TransactionState tx) {
        switch (family) {
            case SINGLE:
                return ((ScalarVariable) variable).values(tx);
            case COLLECTION:
                return ((CollectionVariable) variable).values(tx);
            case NAMES:
                return ((NamesVariable) variable).values(tx);
            default:
                return variable.values(tx);
        }
    }

    /** {@link Variable#values(TransactionState, String, int)}. */
    public static List<VariableValue> values(int family, Variable variable, TransactionState tx, String key, int view) {
        return family == COLLECTION ? ((CollectionVariable) variable).values(tx, key, view) : variable.values(tx, key, view);
    }

    /** {@link Variable#values(TransactionState, String)}. */
    public static List<VariableValue> values(int family, Variable variable, TransactionState tx, String key) {
        return family == COLLECTION ? ((CollectionVariable) variable).values(tx, key) : variable.values(tx, key);
    }

    /** {@link Variable#selectedValues(TransactionState, Predicate)}. */
    public static List<VariableValue> selectedValues(int family, Variable variable, TransactionState tx, Predicate<String> selector) {
        return family == COLLECTION
                ? ((CollectionVariable) variable).selectedValues(tx, selector)
                : variable.selectedValues(tx, selector);
    }

    /** {@link Variable#viewIndex()}. */
    public static int viewIndex(int family, Variable variable) {
        switch (family) {
            case SINGLE:
                return ((ScalarVariable) variable).viewIndex();
            case COLLECTION:
                return ((CollectionVariable) variable).viewIndex();
            case NAMES:
                return ((NamesVariable) variable).viewIndex();
            default:
                return variable.viewIndex();
        }
    }
}
