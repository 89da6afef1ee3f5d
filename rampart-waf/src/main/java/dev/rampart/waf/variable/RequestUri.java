package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code REQUEST_URI}: the request URI with query string, without scheme and host.
 * <pre>SecRule REQUEST_URI "{@literal @}contains ../" "id:1,phase:1,deny"</pre>
 */
final class RequestUri extends ScalarVariable {

    RequestUri() {
        super("REQUEST_URI", TransactionState::requestUri);
    }
}
