package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code MULTIPART_BOUNDARY_WHITESPACE}: 1 when the boundary parameter contained whitespace, else 0.
 * <pre>SecRule MULTIPART_BOUNDARY_WHITESPACE "{@literal @}eq 1" "id:1,phase:2,deny"</pre>
 */
final class MultipartBoundaryWhitespace extends ScalarVariable {

    MultipartBoundaryWhitespace() {
        super("MULTIPART_BOUNDARY_WHITESPACE", tx -> tx.multipartFlag("BOUNDARY_WHITESPACE"));
    }
}
