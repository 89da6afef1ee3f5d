package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code OUTBOUND_DATA_ERROR}: 1 when the response body exceeded the inspection limit, else 0.
 * <pre>SecRule OUTBOUND_DATA_ERROR "{@literal @}eq 1" "id:1,phase:4,pass,log"</pre>
 */
final class OutboundDataError extends ScalarVariable {

    OutboundDataError() {
        super("OUTBOUND_DATA_ERROR", TransactionState::outboundDataError);
    }
}
