package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code REQUEST_COOKIES}: the cookies of the Cookie headers, keyed by name.
 * <pre>SecRule REQUEST_COOKIES "{@literal @}rx &lt;script" "id:1,phase:1,deny"</pre>
 */
final class RequestCookies extends CollectionVariable {

    RequestCookies() {
        super("REQUEST_COOKIES", TransactionState::requestCookies);
    }
}
