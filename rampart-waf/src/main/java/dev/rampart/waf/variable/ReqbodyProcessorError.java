package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code REQBODY_PROCESSOR_ERROR}: the older name of REQBODY_ERROR.
 * <pre>SecRule REQBODY_PROCESSOR_ERROR "!{@literal @}eq 0" "id:1,phase:2,deny"</pre>
 */
final class ReqbodyProcessorError extends ScalarVariable {

    ReqbodyProcessorError() {
        super("REQBODY_PROCESSOR_ERROR", TransactionState::reqbodyError);
    }
}
