package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code ARGS}: every request argument (query string, then body: URL-encoded, JSON, multipart fields), keyed by name.
 * <pre>SecRule ARGS "{@literal @}rx (?i)union\s+select" "id:1,phase:2,deny"</pre>
 */
final class Args extends CollectionVariable {

    Args() {
        super("ARGS", TransactionState::args);
    }
}
