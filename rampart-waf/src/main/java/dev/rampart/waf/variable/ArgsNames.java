package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code ARGS_NAMES}: the names of all request arguments.
 * <pre>SecRule ARGS_NAMES "{@literal @}rx ^__proto__$" "id:1,phase:2,deny"</pre>
 */
final class ArgsNames extends NamesVariable {

    ArgsNames() {
        super("ARGS_NAMES", TransactionState::args);
    }
}
