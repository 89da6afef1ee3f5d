package dev.rampart.policy;

import dev.rampart.core.Principal;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The roles {@code policy.bindings} give, indexed by selector so a caller's are found by lookups. */
final class RoleBindings {

    /** The principal attribute that holds a caller's groups. */
    static final String GROUPS_ATTRIBUTE = "groups";

    final Map<String, BitSet> byPrincipal = new HashMap<>();
    final Map<String, BitSet> byApiKey = new HashMap<>();
    final Map<String, BitSet> byGroup = new HashMap<>();
    final Map<String, Map<String, BitSet>> byClaim = new HashMap<>();

    /** ORs into {@code into} the roles bound to {@code principal} (not yet closed over inheritance). */
    void addBound(Principal principal, BitSet into) {
        boolean apiKey = principal.type() == Principal.Type.API_KEY;
        orInto(into, (apiKey ? byApiKey : byPrincipal).get(principal.id()));
        if (!byGroup.isEmpty()) {
            forEachValue(principal.attributes().get(GROUPS_ATTRIBUTE), g -> orInto(into, byGroup.get(g)));
        }
        if (!byClaim.isEmpty()) {
            for (Map.Entry<String, Map<String, BitSet>> claim : byClaim.entrySet()) {
                Map<String, BitSet> byValue = claim.getValue();
                forEachValue(principal.attributes().get(claim.getKey()), v -> orInto(into, byValue.get(v)));
            }
        }
    }

    /** Whether {@code principal} is one of {@code ids}, compared as the bindings do (API keys apart). */
    static boolean isPrincipalIn(Principal principal, java.util.Set<String> ids) {
        return principal.type() != Principal.Type.API_KEY && ids.contains(principal.id());
    }

    private static void orInto(BitSet into, BitSet roles) {
        if (roles != null) {
            into.or(roles);
        }
    }

    /** Calls {@code action} with a scalar attribute's text, or each element's of a list. */
    private static void forEachValue(Object attribute, java.util.function.Consumer<String> action) {
        if (attribute instanceof List<?> list) {
            for (Object e : list) {
                if (e != null) {
                    action.accept(String.valueOf(e));
                }
            }
        } else if (attribute != null) {
            action.accept(String.valueOf(attribute));
        }
    }
}
