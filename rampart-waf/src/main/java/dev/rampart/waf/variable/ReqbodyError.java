package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code REQBODY_ERROR}: 1 when the request body processor failed (malformed JSON, XML, multipart), else 0.
 * <pre>SecRule REQBODY_ERROR "!{@literal @}eq 0" "id:1,phase:2,deny"</pre>
 */
final class ReqbodyError extends ScalarVariable {

    ReqbodyError() {
        super("REQBODY_ERROR", TransactionState::reqbodyError);
    }
}
