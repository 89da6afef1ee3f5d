package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code QUERY_STRING}: the raw query string, without the question mark.
 * <pre>SecRule QUERY_STRING "{@literal @}rx %00" "id:1,phase:1,deny"</pre>
 */
final class QueryString extends ScalarVariable {

    QueryString() {
        super("QUERY_STRING", TransactionState::queryString);
    }
}
