package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code REMOTE_PORT}: the client port.
 * <pre>SecRule REMOTE_PORT "{@literal @}lt 1024" "id:1,phase:1,pass,log"</pre>
 */
final class RemotePort extends ScalarVariable {

    RemotePort() {
        super("REMOTE_PORT", TransactionState::remotePort);
    }
}
