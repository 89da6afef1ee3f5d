package dev.rampart.policy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer to one request: whether the policy allows it, whether that is enforced (false in
 * shadow mode: the request goes on whatever the answer), and why.
 *
 * @param allowed what the policy decided
 * @param enforced false when the policy runs in shadow mode
 * @param explanation why
 */
public record AuthorizationDecision(boolean allowed, boolean enforced, Explanation explanation) {

    /** Whether the request may go on: allowed, or denied in shadow mode (then report it). */
    public boolean permits() {
        return allowed || !enforced;
    }

    /** One line: the explanation's summary, marked when not enforced. */
    public String summary() {
        return enforced ? explanation.summary() : "shadow (not enforced): " + explanation.summary();
    }

    /** {@link Explanation#auditDetails()} plus {@code decision} and {@code enforced}, for a security event. */
    public Map<String, String> auditDetails() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("decision", allowed ? "allow" : "deny");
        d.put("enforced", Boolean.toString(enforced));
        d.putAll(explanation.auditDetails());
        return d;
    }

    @Override
    public String toString() {
        return summary();
    }
}
