package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code FILES_NAMES}: the form field names of multipart file parts.
 * <pre>SecRule FILES_NAMES "{@literal @}rx [&lt;&gt;]" "id:1,phase:2,deny"</pre>
 */
final class FilesNames extends NamesVariable {

    FilesNames() {
        super("FILES_NAMES", TransactionState::files);
    }
}
