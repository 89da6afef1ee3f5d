package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code GLOBAL}: the collection initcol:global= opens (kept for the transaction only).
 * <pre>SecRule GLOBAL:alerted "{@literal @}eq 1" "id:1,phase:1,pass"</pre>
 */
final class Global extends CollectionVariable {

    Global() {
        super("GLOBAL", TransactionState::globalCollection);
    }
}
