package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code MULTIPART_DATA_BEFORE}: 1 when data appeared before the first boundary, else 0.
 * <pre>SecRule MULTIPART_DATA_BEFORE "{@literal @}eq 1" "id:1,phase:2,deny"</pre>
 */
final class MultipartDataBefore extends ScalarVariable {

    MultipartDataBefore() {
        super("MULTIPART_DATA_BEFORE", tx -> tx.multipartFlag("DATA_BEFORE"));
    }
}
