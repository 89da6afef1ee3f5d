package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code MATCHED_VAR_NAME}: the name of the variable that matched last (ARGS:q).
 * <pre>SecRule ARGS "{@literal @}rx x" "id:1,phase:2,setvar:tx.where=%{MATCHED_VAR_NAME}"</pre>
 */
final class MatchedVarName extends ScalarVariable {

    MatchedVarName() {
        super("MATCHED_VAR_NAME", TransactionState::matchedVarName);
    }
}
