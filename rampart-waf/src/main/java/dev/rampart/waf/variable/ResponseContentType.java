package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code RESPONSE_CONTENT_TYPE}: the Content-Type of the response.
 * <pre>SecRule RESPONSE_CONTENT_TYPE "{@literal @}contains json" "id:1,phase:3,pass"</pre>
 */
final class ResponseContentType extends ScalarVariable {

    ResponseContentType() {
        super("RESPONSE_CONTENT_TYPE", TransactionState::responseContentType);
    }
}
