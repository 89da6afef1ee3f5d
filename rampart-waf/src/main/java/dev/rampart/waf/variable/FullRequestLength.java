package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code FULL_REQUEST_LENGTH}: the length of request line, headers and body.
 * <pre>SecRule FULL_REQUEST_LENGTH "{@literal @}gt 100000" "id:1,phase:2,deny"</pre>
 */
final class FullRequestLength extends ScalarVariable {

    FullRequestLength() {
        super("FULL_REQUEST_LENGTH", TransactionState::fullRequestLength);
    }
}
