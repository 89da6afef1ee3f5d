package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code SESSION}: the collection setsid/initcol:session= opens (kept for the transaction only).
 * <pre>SecRule SESSION:score "{@literal @}gt 10" "id:1,phase:2,deny"</pre>
 */
final class Session extends CollectionVariable {

    Session() {
        super("SESSION", TransactionState::sessionCollection);
    }
}
