package dev.rampart.waf.operator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code @rbl}: in ModSecurity, a DNS query against a real-time blocklist zone for the client
 * address, matching when the zone lists it. Rampart makes no DNS query from the rule engine: a
 * blocking lookup per request would stall the request path and hand the verdict to an outside
 * resolver. The operator never matches and the load logs a warning; block addresses with
 * Rampart's IP lists instead. It exists so that rule sets using it (CRS 3.3's rule 910140, active
 * only when an HTTP:BL key is configured) load.
 * <pre>SecRule REMOTE_ADDR "@rbl sbl-xbl.spamhaus.org" "id:1,phase:1,deny"</pre>
 */
public final class Rbl implements Operator {

    private static final Logger LOG = LoggerFactory.getLogger(Rbl.class);

    /** @throws IllegalArgumentException when no blocklist zone is named */
    public Rbl(String zone) {
        if (zone.isBlank()) {
            throw new IllegalArgumentException("expects a DNS blocklist zone such as sbl-xbl.spamhaus.org, got nothing");
        }
        LOG.warn("@rbl {}: Rampart makes no DNS blocklist queries; the rule never matches (use Rampart's IP lists)", zone.strip());
    }

    @Override
    public boolean matches(String value, MatchContext context) {
        return false;
    }
}
