package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code MULTIPART_CRLF_LF_LINES}: 1 when lines ended in both CRLF and LF only, else 0.
 * <pre>SecRule MULTIPART_CRLF_LF_LINES "{@literal @}eq 1" "id:1,phase:2,deny"</pre>
 */
final class MultipartCrlfLfLines extends ScalarVariable {

    MultipartCrlfLfLines() {
        super("MULTIPART_CRLF_LF_LINES", tx -> tx.multipartFlag("CRLF_LF_LINES"));
    }
}
