package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code RESPONSE_STATUS}: the response status code (phase 3 on).
 * <pre>SecRule RESPONSE_STATUS "{@literal @}rx ^5" "id:1,phase:3,pass,log"</pre>
 */
final class ResponseStatus extends ScalarVariable {

    ResponseStatus() {
        super("RESPONSE_STATUS", TransactionState::responseStatus);
    }
}
