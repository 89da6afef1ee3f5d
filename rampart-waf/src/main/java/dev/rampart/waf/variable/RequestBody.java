package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code REQUEST_BODY}: the raw request body, present when the URL-encoded processor ran or forceRequestBodyVariable is on.
 * <pre>SecRule REQUEST_BODY "{@literal @}rx &lt;!ENTITY" "id:1,phase:2,deny"</pre>
 */
final class RequestBody extends ScalarVariable {

    RequestBody() {
        super("REQUEST_BODY", TransactionState::requestBody);
    }
}
