package dev.rampart.policy;

import dev.rampart.core.Principal;
import dev.rampart.core.config.PolicyRuleConfig;
import java.util.BitSet;
import java.util.List;
import java.util.Set;

/** A rule ready to decide: subjects as a role bit set and an id set, condition compiled. */
final class CompiledRule {

    final int index;
    final String id;
    final String path;
    final PolicyRuleConfig.Effect effect;
    private final BitSet subjectRoles;
    private final Set<String> subjectPrincipals;
    final Condition condition;
    private final List<Permission> patterns;

    CompiledRule(int index, String id, String path, PolicyRuleConfig.Effect effect, BitSet subjectRoles,
            Set<String> subjectPrincipals, Condition condition, List<Permission> patterns) {
        this.index = index;
        this.id = id;
        this.path = path;
        this.effect = effect;
        this.subjectRoles = subjectRoles;
        this.subjectPrincipals = subjectPrincipals;
        this.condition = condition;
        this.patterns = List.copyOf(patterns);
    }

    /** The rule's most specific pattern that covers {@code required} (exact before wildcards). */
    String patternCovering(Permission required) {
        for (int v = 0, n = PermissionIndex.variants(required); v < n; v++) {
            String candidate = PermissionIndex.patternOf(required, v);
            for (Permission p : patterns) {
                if (p.toString().equals(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("rule " + id + " was indexed under " + required + " but has no pattern covering it");
    }

    /** Whether the rule is about this caller: no subjects (everyone), one of its roles, or its id. */
    boolean appliesTo(Principal principal, BitSet effectiveRoles) {
        if (subjectRoles.isEmpty() && subjectPrincipals.isEmpty()) {
            return true;
        }
        return subjectRoles.intersects(effectiveRoles) || RoleBindings.isPrincipalIn(principal, subjectPrincipals);
    }
}
