package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code REQUEST_BODY_LENGTH}: the request body length in bytes.
 * <pre>SecRule REQUEST_BODY_LENGTH "{@literal @}gt 0" "id:1,phase:2,pass"</pre>
 */
final class RequestBodyLength extends ScalarVariable {

    RequestBodyLength() {
        super("REQUEST_BODY_LENGTH", TransactionState::requestBodyLength);
    }
}
