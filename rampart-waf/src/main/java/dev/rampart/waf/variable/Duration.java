package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code DURATION}: microseconds since the transaction began.
 * <pre>SecRule DURATION "{@literal @}gt 1000000" "id:1,phase:5,pass,log"</pre>
 */
final class Duration extends ScalarVariable {

    Duration() {
        super("DURATION", TransactionState::duration);
    }
}
