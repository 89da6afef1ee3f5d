package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code MULTIPART_MISSING_SEMICOLON}: 1 when a Content-Disposition parameter lacked its semicolon, else 0.
 * <pre>SecRule MULTIPART_MISSING_SEMICOLON "{@literal @}eq 1" "id:1,phase:2,deny"</pre>
 */
final class MultipartMissingSemicolon extends ScalarVariable {

    MultipartMissingSemicolon() {
        super("MULTIPART_MISSING_SEMICOLON", tx -> tx.multipartFlag("MISSING_SEMICOLON"));
    }
}
