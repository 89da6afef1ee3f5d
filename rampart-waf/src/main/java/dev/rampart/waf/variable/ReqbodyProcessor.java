package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code REQBODY_PROCESSOR}: the request body processor in use (URLENCODED, MULTIPART, JSON, XML), empty when none.
 * <pre>SecRule REQBODY_PROCESSOR "{@literal @}streq JSON" "id:1,phase:2,pass"</pre>
 */
final class ReqbodyProcessor extends ScalarVariable {

    ReqbodyProcessor() {
        super("REQBODY_PROCESSOR", TransactionState::reqbodyProcessor);
    }
}
