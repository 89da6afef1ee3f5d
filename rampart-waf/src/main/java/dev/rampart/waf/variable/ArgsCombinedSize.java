package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code ARGS_COMBINED_SIZE}: the total length of all argument names and values.
 * <pre>SecRule ARGS_COMBINED_SIZE "{@literal @}gt 64000" "id:1,phase:2,deny"</pre>
 */
final class ArgsCombinedSize extends ScalarVariable {

    ArgsCombinedSize() {
        super("ARGS_COMBINED_SIZE", TransactionState::argsCombinedSize);
    }
}
