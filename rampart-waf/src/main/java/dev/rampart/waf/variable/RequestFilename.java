package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code REQUEST_FILENAME}: the path of the request URI without query string, not URL-decoded.
 * <pre>SecRule REQUEST_FILENAME "{@literal @}endsWith .bak" "id:1,phase:1,deny"</pre>
 */
final class RequestFilename extends ScalarVariable {

    RequestFilename() {
        super("REQUEST_FILENAME", TransactionState::requestFilename);
    }
}
