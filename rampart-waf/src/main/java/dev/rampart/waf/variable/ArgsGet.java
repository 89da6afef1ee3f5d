package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code ARGS_GET}: the query-string arguments, keyed by name.
 * <pre>SecRule ARGS_GET:id "!{@literal @}rx ^[0-9]+$" "id:1,phase:1,deny"</pre>
 */
final class ArgsGet extends CollectionVariable {

    ArgsGet() {
        super("ARGS_GET", TransactionState::argsGet);
    }
}
