package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code RESOURCE}: the collection initcol:resource= opens (kept for the transaction only).
 * <pre>SecRule RESOURCE:hits "{@literal @}gt 100" "id:1,phase:2,deny"</pre>
 */
final class Resource extends CollectionVariable {

    Resource() {
        super("RESOURCE", TransactionState::resourceCollection);
    }
}
