package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code REQUEST_BASENAME}: the last segment of REQUEST_FILENAME.
 * <pre>SecRule REQUEST_BASENAME "{@literal @}streq .htaccess" "id:1,phase:1,deny"</pre>
 */
final class RequestBasename extends ScalarVariable {

    RequestBasename() {
        super("REQUEST_BASENAME", TransactionState::requestBasename);
    }
}
