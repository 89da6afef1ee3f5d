package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code FILES}: the file names of multipart file parts, keyed by form field name.
 * <pre>SecRule FILES "{@literal @}rx \.php$" "id:1,phase:2,deny"</pre>
 */
final class Files extends CollectionVariable {

    Files() {
        super("FILES", TransactionState::files);
    }
}
