package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code ARGS_POST_NAMES}: the names of the request-body arguments.
 * <pre>SecRule ARGS_POST_NAMES "{@literal @}rx \[" "id:1,phase:2,pass"</pre>
 */
final class ArgsPostNames extends NamesVariable {

    ArgsPostNames() {
        super("ARGS_POST_NAMES", TransactionState::argsPost);
    }
}
