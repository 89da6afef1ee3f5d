package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code REQUEST_HEADERS}: the request headers, keyed by name (case-insensitive).
 * <pre>SecRule REQUEST_HEADERS:User-Agent "{@literal @}pm nikto" "id:1,phase:1,deny"</pre>
 */
final class RequestHeaders extends CollectionVariable {

    RequestHeaders() {
        super("REQUEST_HEADERS", TransactionState::requestHeaders);
    }
}
