package dev.rampart.waf.variable;

import dev.rampart.waf.engine.KeyedCollection;
import dev.rampart.waf.engine.TransactionState;
import dev.rampart.waf.engine.VariableValue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A {@code *_NAMES} variable: the keys of one collection, each as a value ({@code ARGS_NAMES}). */
class NamesVariable implements Variable {

    private final String name;
    private final int view = ViewIndexes.next();
    private final Function<TransactionState, KeyedCollection> collection;

    NamesVariable(String name, Function<TransactionState, KeyedCollection> collection) {
        this.name = name;
        this.collection = collection;
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
        return true;
    }

    @Override
    public final List<VariableValue> values(TransactionState tx) {
        KeyedCollection members = collection.apply(tx);
        List<VariableValue> known = tx.knownValues(view, members);
        if (known != null) {
            return known;
        }
        List<VariableValue> values = new ArrayList<>(members.size());
        for (KeyedCollection.Member member : members.members()) {
            values.add(new VariableValue(name + ":" + member.key(), member.key(), member.key()));
        }
        return tx.keepValues(view, members, values);
    }
}
