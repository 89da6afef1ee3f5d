package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code MULTIPART_INVALID_QUOTING}: 1 when a Content-Disposition parameter was badly quoted, else 0.
 * <pre>SecRule MULTIPART_INVALID_QUOTING "{@literal @}eq 1" "id:1,phase:2,deny"</pre>
 */
final class MultipartInvalidQuoting extends ScalarVariable {

    MultipartInvalidQuoting() {
        super("MULTIPART_INVALID_QUOTING", tx -> tx.multipartFlag("INVALID_QUOTING"));
    }
}
