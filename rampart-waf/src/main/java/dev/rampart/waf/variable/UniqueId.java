package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code UNIQUE_ID}: the transaction id.
 * <pre>SecAction "id:1,phase:1,pass,setvar:tx.request=%{UNIQUE_ID}"</pre>
 */
final class UniqueId extends ScalarVariable {

    UniqueId() {
        super("UNIQUE_ID", TransactionState::uniqueId);
    }
}
