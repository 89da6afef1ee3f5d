package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code MULTIPART_BOUNDARY_QUOTED}: 1 when the boundary parameter of Content-Type was quoted, else 0.
 * <pre>SecRule MULTIPART_BOUNDARY_QUOTED "{@literal @}eq 1" "id:1,phase:2,deny"</pre>
 */
final class MultipartBoundaryQuoted extends ScalarVariable {

    MultipartBoundaryQuoted() {
        super("MULTIPART_BOUNDARY_QUOTED", tx -> tx.multipartFlag("BOUNDARY_QUOTED"));
    }
}
