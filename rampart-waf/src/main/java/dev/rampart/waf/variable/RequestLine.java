package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code REQUEST_LINE}: the request line: method, target and protocol separated by spaces.
 * <pre>SecRule REQUEST_LINE "!{@literal @}rx ^\w+ \S+ HTTP/" "id:1,phase:1,deny"</pre>
 */
final class RequestLine extends ScalarVariable {

    RequestLine() {
        super("REQUEST_LINE", TransactionState::requestLine);
    }
}
