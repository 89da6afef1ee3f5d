package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code HIGHEST_SEVERITY}: the most severe severity (lowest number) of the rules matched so far, 255 when none.
 * <pre>SecRule HIGHEST_SEVERITY "{@literal @}le 2" "id:1,phase:5,pass,log"</pre>
 */
final class HighestSeverity extends ScalarVariable {

    HighestSeverity() {
        super("HIGHEST_SEVERITY", TransactionState::highestSeverity);
    }
}
