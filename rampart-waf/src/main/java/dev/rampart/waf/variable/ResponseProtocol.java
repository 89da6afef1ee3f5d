package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code RESPONSE_PROTOCOL}: the protocol of the response status line.
 * <pre>SecRule RESPONSE_PROTOCOL "{@literal @}streq HTTP/1.0" "id:1,phase:3,pass"</pre>
 */
final class ResponseProtocol extends ScalarVariable {

    ResponseProtocol() {
        super("RESPONSE_PROTOCOL", TransactionState::responseProtocol);
    }
}
