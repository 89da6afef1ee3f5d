package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code RESPONSE_BODY}: the response body (phase 4, when SecResponseBodyAccess is On and the MIME type is listed).
 * <pre>SecRule RESPONSE_BODY "{@literal @}rx ORA-[0-9]{5}" "id:1,phase:4,deny"</pre>
 */
final class ResponseBody extends ScalarVariable {

    ResponseBody() {
        super("RESPONSE_BODY", TransactionState::responseBody);
    }
}
