package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code URLENCODED_ERROR}: 1 when an argument had an invalid %-escape, else 0.
 * <pre>SecRule URLENCODED_ERROR "{@literal @}eq 1" "id:1,phase:2,pass,log"</pre>
 */
final class UrlencodedError extends ScalarVariable {

    UrlencodedError() {
        super("URLENCODED_ERROR", TransactionState::urlencodedError);
    }
}
