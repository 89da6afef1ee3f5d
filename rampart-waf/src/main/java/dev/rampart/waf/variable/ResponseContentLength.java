package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code RESPONSE_CONTENT_LENGTH}: the response body length in bytes.
 * <pre>SecRule RESPONSE_CONTENT_LENGTH "{@literal @}gt 1000000" "id:1,phase:3,pass,log"</pre>
 */
final class ResponseContentLength extends ScalarVariable {

    ResponseContentLength() {
        super("RESPONSE_CONTENT_LENGTH", TransactionState::responseContentLength);
    }
}
