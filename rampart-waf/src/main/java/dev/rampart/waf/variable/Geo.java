package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code GEO}: geolocation of REMOTE_ADDR; Rampart does not look it up, so it is always empty.
 * <pre>SecRule GEO:COUNTRY_CODE "{@literal @}streq XX" "id:1,phase:1,deny"</pre>
 */
final class Geo extends CollectionVariable {

    Geo() {
        super("GEO", TransactionState::geo);
    }
}
