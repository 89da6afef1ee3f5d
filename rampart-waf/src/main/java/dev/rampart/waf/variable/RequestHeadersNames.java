package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code REQUEST_HEADERS_NAMES}: the names of the request headers.
 * <pre>SecRule REQUEST_HEADERS_NAMES "{@literal @}rx ^x-forwarded" "id:1,phase:1,pass"</pre>
 */
final class RequestHeadersNames extends NamesVariable {

    RequestHeadersNames() {
        super("REQUEST_HEADERS_NAMES", TransactionState::requestHeaders);
    }
}
