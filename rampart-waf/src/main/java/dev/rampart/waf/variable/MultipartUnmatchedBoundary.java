package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code MULTIPART_UNMATCHED_BOUNDARY}: 1 when a line looked like a boundary but was not the body's boundary, else 0.
 * <pre>SecRule MULTIPART_UNMATCHED_BOUNDARY "{@literal @}eq 1" "id:1,phase:2,deny"</pre>
 */
final class MultipartUnmatchedBoundary extends ScalarVariable {

    MultipartUnmatchedBoundary() {
        super("MULTIPART_UNMATCHED_BOUNDARY", tx -> tx.multipartFlag("UNMATCHED_BOUNDARY"));
    }
}
