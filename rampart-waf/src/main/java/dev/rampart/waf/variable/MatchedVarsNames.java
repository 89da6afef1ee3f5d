package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;
import dev.rampart.waf.engine.VariableValue;
import java.util.List;

/**
 * {@code MATCHED_VARS_NAMES}: the names ({@code ARGS:q}) of every variable the current rule
 * (chain) matched so far.
 * <pre>SecRule ARGS "@rx a" "id:1,phase:2,chain" / SecRule MATCHED_VARS_NAMES "@rx ^ARGS:id" "deny"</pre>
 */
final class MatchedVarsNames implements Variable {

    @Override
    public String name() {
        return "MATCHED_VARS_NAMES";
    }

    @Override
    public boolean isCollection() {
        return true;
    }

    @Override
    public List<VariableValue> values(TransactionState tx) {
        return tx.matchedVars().stream()
                .map(v -> new VariableValue("MATCHED_VARS_NAMES:" + v.name(), v.key(), v.name()))
                .toList();
    }
}
