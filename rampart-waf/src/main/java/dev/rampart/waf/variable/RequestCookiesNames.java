package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code REQUEST_COOKIES_NAMES}: the names of the request cookies.
 * <pre>SecRule REQUEST_COOKIES_NAMES "{@literal @}rx &lt;" "id:1,phase:1,deny"</pre>
 */
final class RequestCookiesNames extends NamesVariable {

    RequestCookiesNames() {
        super("REQUEST_COOKIES_NAMES", TransactionState::requestCookies);
    }
}
