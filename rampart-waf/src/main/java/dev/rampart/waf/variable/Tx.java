package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code TX}: the transaction variables rules set with setvar (anomaly scores, settings) and captures TX:0..TX:9.
 * <pre>SecRule TX:inbound_anomaly_score "{@literal @}ge 5" "id:1,phase:2,deny"</pre>
 */
final class Tx extends CollectionVariable {

    Tx() {
        super("TX", TransactionState::tx);
    }
}
