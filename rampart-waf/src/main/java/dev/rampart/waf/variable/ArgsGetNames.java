package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code ARGS_GET_NAMES}: the names of the query-string arguments.
 * <pre>SecRule ARGS_GET_NAMES "{@literal @}rx \[" "id:1,phase:1,pass"</pre>
 */
final class ArgsGetNames extends NamesVariable {

    ArgsGetNames() {
        super("ARGS_GET_NAMES", TransactionState::argsGet);
    }
}
