package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code MULTIPART_INVALID_HEADER_FOLDING}: 1 when a part header was folded invalidly, else 0.
 * <pre>SecRule MULTIPART_INVALID_HEADER_FOLDING "{@literal @}eq 1" "id:1,phase:2,deny"</pre>
 */
final class MultipartInvalidHeaderFolding extends ScalarVariable {

    MultipartInvalidHeaderFolding() {
        super("MULTIPART_INVALID_HEADER_FOLDING", tx -> tx.multipartFlag("INVALID_HEADER_FOLDING"));
    }
}
