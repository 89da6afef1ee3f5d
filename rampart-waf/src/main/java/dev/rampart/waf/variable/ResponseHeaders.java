package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code RESPONSE_HEADERS}: the response headers, keyed by name (phase 3 on).
 * <pre>SecRule RESPONSE_HEADERS:Server "{@literal @}rx Apache/2\.2" "id:1,phase:3,pass,log"</pre>
 */
final class ResponseHeaders extends CollectionVariable {

    ResponseHeaders() {
        super("RESPONSE_HEADERS", TransactionState::responseHeaders);
    }
}
