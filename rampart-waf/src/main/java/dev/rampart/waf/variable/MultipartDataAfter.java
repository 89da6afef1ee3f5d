package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code MULTIPART_DATA_AFTER}: 1 when data appeared after the closing boundary, else 0.
 * <pre>SecRule MULTIPART_DATA_AFTER "{@literal @}eq 1" "id:1,phase:2,deny"</pre>
 */
final class MultipartDataAfter extends ScalarVariable {

    MultipartDataAfter() {
        super("MULTIPART_DATA_AFTER", tx -> tx.multipartFlag("DATA_AFTER"));
    }
}
