package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code TIME_EPOCH}: seconds since the epoch at the start of the transaction.
 * <pre>SecRule TIME_EPOCH "{@literal @}gt 0" "id:1,phase:1,pass"</pre>
 */
final class TimeEpoch extends ScalarVariable {

    TimeEpoch() {
        super("TIME_EPOCH", TransactionState::timeEpoch);
    }
}
