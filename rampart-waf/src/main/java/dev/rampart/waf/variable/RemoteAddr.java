package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code REMOTE_ADDR}: the client address.
 * <pre>SecRule REMOTE_ADDR "{@literal @}ipMatch 10.0.0.0/8" "id:1,phase:1,allow"</pre>
 */
final class RemoteAddr extends ScalarVariable {

    RemoteAddr() {
        super("REMOTE_ADDR", TransactionState::remoteAddr);
    }
}
