package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;
import dev.rampart.waf.engine.VariableValue;
import java.util.List;

/**
 * {@code MATCHED_VARS}: the values of every variable the current rule (chain) matched so far, so a
 * chained rule can inspect them again.
 * <pre>SecRule ARGS "@rx a" "id:1,phase:2,chain" / SecRule MATCHED_VARS "@rx b" "deny"</pre>
 */
final class MatchedVars implements Variable {

    @Override
    public String name() {
        return "MATCHED_VARS";
    }

    @Override
    public boolean isCollection() {
        return true;
    }

    @Override
    public List<VariableValue> values(TransactionState tx) {
        return List.copyOf(tx.matchedVars());
    }
}
