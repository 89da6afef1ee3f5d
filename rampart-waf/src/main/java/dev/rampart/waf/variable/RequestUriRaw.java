package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code REQUEST_URI_RAW}: the request target exactly as on the request line (absolute-form included).
 * <pre>SecRule REQUEST_URI_RAW "{@literal @}rx #" "id:1,phase:1,deny"</pre>
 */
final class RequestUriRaw extends ScalarVariable {

    RequestUriRaw() {
        super("REQUEST_URI_RAW", TransactionState::requestUriRaw);
    }
}
