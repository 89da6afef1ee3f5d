package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code STATUS_LINE}: the response status line (HTTP/1.1 200).
 * <pre>SecRule STATUS_LINE "{@literal @}contains 500" "id:1,phase:3,pass,log"</pre>
 */
final class StatusLine extends ScalarVariable {

    StatusLine() {
        super("STATUS_LINE", TransactionState::statusLine);
    }
}
