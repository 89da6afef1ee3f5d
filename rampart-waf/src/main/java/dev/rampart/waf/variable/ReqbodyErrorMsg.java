package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code REQBODY_ERROR_MSG}: why the request body processor failed, empty when it did not.
 * <pre>SecRule REQBODY_ERROR "!{@literal @}eq 0" "id:1,phase:2,deny,msg:'%{REQBODY_ERROR_MSG}'"</pre>
 */
final class ReqbodyErrorMsg extends ScalarVariable {

    ReqbodyErrorMsg() {
        super("REQBODY_ERROR_MSG", TransactionState::reqbodyErrorMessage);
    }
}
