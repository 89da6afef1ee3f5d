package dev.rampart.waf.variable;

import dev.rampart.waf.engine.KeyedCollection;
import dev.rampart.waf.engine.TransactionState;
import dev.rampart.waf.engine.VariableValue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/** A collection variable whose values are the members of one {@link KeyedCollection} of the transaction. */
class CollectionVariable implements Variable {

    private final String name;
    private final int view = ViewIndexes.next();
    private final Function<TransactionState, KeyedCollection> collection;

    CollectionVariable(String name, Function<TransactionState, KeyedCollection> collection) {
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
            values.add(new VariableValue(name + ":" + member.key(), member.key(), member.value()));
        }
        return tx.keepValues(view, members, values);
    }

    /** Builds values for the selected members only: TX changes between most rules, and its view with it. */
    @Override
    public final List<VariableValue> selectedValues(TransactionState tx, Predicate<String> selector) {
        List<VariableValue> selected = new ArrayList<>();
        collection.apply(tx).forEach(member -> {
            if (selector.test(member.key())) {
                selected.add(new VariableValue(name + ":" + member.key(), member.key(), member.value()));
            }
        });
        return selected;
    }

    @Override
    public final List<VariableValue> values(TransactionState tx, String key, int targetView) {
        KeyedCollection members = collection.apply(tx);
        List<VariableValue> known = tx.knownValues(targetView, members, key);
        return known != null ? known : tx.keepValues(targetView, members, key, values(tx, key));
    }

    /** Without building values: macros ({@code %{tx.critical_anomaly_score}}) read one per expansion. */
    @Override
    public final String firstValue(TransactionState tx, String key) {
        return collection.apply(tx).first(key);
    }

    @Override
    public final List<VariableValue> values(TransactionState tx, String key) {
        List<KeyedCollection.Member> members = collection.apply(tx).get(key);
        List<VariableValue> values = new ArrayList<>(members.size());
        for (KeyedCollection.Member member : members) {
            values.add(new VariableValue(name + ":" + member.key(), member.key(), member.value()));
        }
        return values;
    }
}
