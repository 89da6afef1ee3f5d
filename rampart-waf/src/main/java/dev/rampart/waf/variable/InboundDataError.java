package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code INBOUND_DATA_ERROR}: 1 when the request body exceeded the inspection limit, else 0.
 * <pre>SecRule INBOUND_DATA_ERROR "{@literal @}eq 1" "id:1,phase:2,deny"</pre>
 */
final class InboundDataError extends ScalarVariable {

    InboundDataError() {
        super("INBOUND_DATA_ERROR", TransactionState::inboundDataError);
    }
}
