package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code ENV}: variables set with setenv during the transaction.
 * <pre>SecRule ENV:tag "{@literal @}streq bot" "id:1,phase:1,pass"</pre>
 */
final class Env extends CollectionVariable {

    Env() {
        super("ENV", TransactionState::env);
    }
}
