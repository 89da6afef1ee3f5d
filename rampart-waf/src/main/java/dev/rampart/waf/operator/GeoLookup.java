package dev.rampart.waf.operator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code @geoLookup}: in ModSecurity, looks the address up in the GeoIP database named by
 * {@code SecGeoLookupDb} and fills the {@code GEO} collection, matching when it is found. Rampart
 * has no GeoIP database, so the operator does what ModSecurity does without one: it never matches
 * and {@code GEO} stays empty. It exists so that rule sets using it (CRS 3.3's rule 910100, active
 * only when {@code tx.high_risk_country_codes} is set) load; the load logs a warning.
 * <pre>SecRule REMOTE_ADDR "@geoLookup" "id:1,phase:1,chain,deny"</pre>
 */
public final class GeoLookup implements Operator {

    private static final Logger LOG = LoggerFactory.getLogger(GeoLookup.class);

    public GeoLookup() {
        LOG.warn("@geoLookup: Rampart has no GeoIP database; the rule never matches and GEO stays empty");
    }

    @Override
    public boolean matches(String value, MatchContext context) {
        return false;
    }
}
