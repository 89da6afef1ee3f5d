package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code USER}: the collection setuid/initcol:user= opens (kept for the transaction only).
 * <pre>SecRule USER:score "{@literal @}gt 10" "id:1,phase:2,deny"</pre>
 */
final class User extends CollectionVariable {

    User() {
        super("USER", TransactionState::userCollection);
    }
}
