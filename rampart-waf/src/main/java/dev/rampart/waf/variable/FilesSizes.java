package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code FILES_SIZES}: the sizes in bytes of multipart file parts, keyed by form field name.
 * <pre>SecRule FILES_SIZES "{@literal @}gt 1048576" "id:1,phase:2,deny"</pre>
 */
final class FilesSizes extends CollectionVariable {

    FilesSizes() {
        super("FILES_SIZES", TransactionState::filesSizes);
    }
}
