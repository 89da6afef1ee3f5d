package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code REQUEST_PROTOCOL}: the protocol of the request line (HTTP/1.1).
 * <pre>SecRule REQUEST_PROTOCOL "{@literal @}streq HTTP/1.0" "id:1,phase:1,pass"</pre>
 */
final class RequestProtocol extends ScalarVariable {

    RequestProtocol() {
        super("REQUEST_PROTOCOL", TransactionState::requestProtocol);
    }
}
