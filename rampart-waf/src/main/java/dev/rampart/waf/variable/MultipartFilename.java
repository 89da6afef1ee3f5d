package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code MULTIPART_FILENAME}: the filename of the last multipart file part.
 * <pre>SecRule MULTIPART_FILENAME "{@literal @}rx \.php$" "id:1,phase:2,deny"</pre>
 */
final class MultipartFilename extends ScalarVariable {

    MultipartFilename() {
        super("MULTIPART_FILENAME", TransactionState::multipartFilename);
    }
}
