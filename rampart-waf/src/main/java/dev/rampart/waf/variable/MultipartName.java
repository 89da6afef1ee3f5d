package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code MULTIPART_NAME}: the form field name of the last multipart part.
 * <pre>SecRule MULTIPART_NAME "{@literal @}rx [&lt;&gt;]" "id:1,phase:2,deny"</pre>
 */
final class MultipartName extends ScalarVariable {

    MultipartName() {
        super("MULTIPART_NAME", TransactionState::multipartName);
    }
}
