package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code FILES_COMBINED_SIZE}: the total size in bytes of all multipart file parts.
 * <pre>SecRule FILES_COMBINED_SIZE "{@literal @}gt 1048576" "id:1,phase:2,deny"</pre>
 */
final class FilesCombinedSize extends ScalarVariable {

    FilesCombinedSize() {
        super("FILES_COMBINED_SIZE", TransactionState::filesCombinedSize);
    }
}
