package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code MULTIPART_PART_HEADERS}: every header line of every multipart part, keyed by the part's form field name.
 * <pre>SecRule MULTIPART_PART_HEADERS "{@literal @}rx ^content-type\s*:\s*(.*)$" "id:1,phase:2,capture,pass"</pre>
 */
final class MultipartPartHeaders extends CollectionVariable {

    MultipartPartHeaders() {
        super("MULTIPART_PART_HEADERS", TransactionState::multipartPartHeaders);
    }
}
