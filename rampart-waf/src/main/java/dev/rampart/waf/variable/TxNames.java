package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code TX_NAMES}: the names of the transaction variables.
 * <pre>SecRule TX_NAMES "{@literal @}rx ^debug" "id:1,phase:1,pass"</pre>
 */
final class TxNames extends NamesVariable {

    TxNames() {
        super("TX_NAMES", TransactionState::tx);
    }
}
