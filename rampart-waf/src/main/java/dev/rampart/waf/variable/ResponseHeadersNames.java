package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code RESPONSE_HEADERS_NAMES}: the names of the response headers.
 * <pre>SecRule RESPONSE_HEADERS_NAMES "{@literal @}streq X-Debug" "id:1,phase:3,pass,log"</pre>
 */
final class ResponseHeadersNames extends NamesVariable {

    ResponseHeadersNames() {
        super("RESPONSE_HEADERS_NAMES", TransactionState::responseHeaders);
    }
}
