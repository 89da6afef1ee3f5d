package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code REQUEST_METHOD}: the request method.
 * <pre>SecRule REQUEST_METHOD "!{@literal @}within GET POST" "id:1,phase:1,deny"</pre>
 */
final class RequestMethod extends ScalarVariable {

    RequestMethod() {
        super("REQUEST_METHOD", TransactionState::requestMethod);
    }
}
