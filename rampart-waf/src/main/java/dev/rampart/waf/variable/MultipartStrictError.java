package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code MULTIPART_STRICT_ERROR}: 1 when any of the MULTIPART_* error flags is set, or the body is not valid multipart, else 0.
 * <pre>SecRule MULTIPART_STRICT_ERROR "{@literal @}eq 1" "id:1,phase:2,deny"</pre>
 */
final class MultipartStrictError extends ScalarVariable {

    MultipartStrictError() {
        super("MULTIPART_STRICT_ERROR", tx -> tx.multipartFlag("STRICT_ERROR"));
    }
}
