package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code IP}: the per-client collection initcol:ip= opens (kept for the transaction only).
 * <pre>SecRule IP:blocked "{@literal @}eq 1" "id:1,phase:1,deny"</pre>
 */
final class Ip extends CollectionVariable {

    Ip() {
        super("IP", TransactionState::ipCollection);
    }
}
