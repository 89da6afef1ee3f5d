package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code MATCHED_VAR}: the value of the variable that matched last.
 * <pre>SecRule ARGS "{@literal @}rx x" "id:1,phase:2,chain" / SecRule MATCHED_VAR "{@literal @}rx y"</pre>
 */
final class MatchedVar extends ScalarVariable {

    MatchedVar() {
        super("MATCHED_VAR", TransactionState::matchedVar);
    }
}
