package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code MULTIPART_INVALID_PART}: 1 when a part had no Content-Disposition or an invalid one, else 0.
 * <pre>SecRule MULTIPART_INVALID_PART "{@literal @}eq 1" "id:1,phase:2,deny"</pre>
 */
final class MultipartInvalidPart extends ScalarVariable {

    MultipartInvalidPart() {
        super("MULTIPART_INVALID_PART", tx -> tx.multipartFlag("INVALID_PART"));
    }
}
