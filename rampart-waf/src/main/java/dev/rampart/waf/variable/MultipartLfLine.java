package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code MULTIPART_LF_LINE}: 1 when a line ended in LF only, else 0.
 * <pre>SecRule MULTIPART_LF_LINE "{@literal @}eq 1" "id:1,phase:2,deny"</pre>
 */
final class MultipartLfLine extends ScalarVariable {

    MultipartLfLine() {
        super("MULTIPART_LF_LINE", tx -> tx.multipartFlag("LF_LINE"));
    }
}
