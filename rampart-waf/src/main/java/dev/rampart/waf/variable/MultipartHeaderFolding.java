package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code MULTIPART_HEADER_FOLDING}: 1 when a part header was folded over lines, else 0.
 * <pre>SecRule MULTIPART_HEADER_FOLDING "{@literal @}eq 1" "id:1,phase:2,deny"</pre>
 */
final class MultipartHeaderFolding extends ScalarVariable {

    MultipartHeaderFolding() {
        super("MULTIPART_HEADER_FOLDING", tx -> tx.multipartFlag("HEADER_FOLDING"));
    }
}
