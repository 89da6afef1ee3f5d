package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code AUTH_TYPE}: the scheme of the Authorization header (Basic, Bearer), absent when none.
 * <pre>SecRule AUTH_TYPE "{@literal @}streq Basic" "id:1,phase:1,pass"</pre>
 */
final class AuthType extends ScalarVariable {

    AuthType() {
        super("AUTH_TYPE", TransactionState::authType);
    }
}
