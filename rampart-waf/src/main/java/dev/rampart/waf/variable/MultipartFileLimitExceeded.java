package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code MULTIPART_FILE_LIMIT_EXCEEDED}: 1 when more file parts came than the limit allows, else 0.
 * <pre>SecRule MULTIPART_FILE_LIMIT_EXCEEDED "{@literal @}eq 1" "id:1,phase:2,deny"</pre>
 */
final class MultipartFileLimitExceeded extends ScalarVariable {

    MultipartFileLimitExceeded() {
        super("MULTIPART_FILE_LIMIT_EXCEEDED", tx -> tx.multipartFlag("FILE_LIMIT_EXCEEDED"));
    }
}
