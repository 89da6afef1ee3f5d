package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;
import dev.rampart.waf.engine.VariableValue;
import java.util.List;
import java.util.function.Function;

/** A single-valued variable ({@code REQUEST_URI}); absent (no value at all) while its accessor gives null. */
class ScalarVariable implements Variable {

    private final String name;
    private final int view = ViewIndexes.next();
    private final Function<TransactionState, String> value;

    ScalarVariable(String name, Function<TransactionState, String> value) {
        this.name = name;
        this.value = value;
    }

    @Override
    public final int viewIndex() {
        return view;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final boolean isCollection() {
        return false;
    }

    @Override
    public final List<VariableValue> values(TransactionState tx) {
        String current = value.apply(tx);
        return current == null ? List.of() : tx.singleValueOf(view, name, current);
    }
}
