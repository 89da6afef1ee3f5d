package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code ARGS_POST}: the request-body arguments (URL-encoded, JSON as json.a.b, multipart fields), keyed by name.
 * <pre>SecRule ARGS_POST "{@literal @}detectSQLi" "id:1,phase:2,deny"</pre>
 */
final class ArgsPost extends CollectionVariable {

    ArgsPost() {
        super("ARGS_POST", TransactionState::argsPost);
    }
}
