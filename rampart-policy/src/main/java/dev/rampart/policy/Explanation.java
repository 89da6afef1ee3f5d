package dev.rampart.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Why a decision came out as it did: which rule or role allowed each permission, or which rule
 * denied, and for a denial what was missing. A plain record of strings and lists, so it serialises
 * as is (JSON for {@code POST /admin/policy/explain}); {@link #auditDetails()} flattens it for a
 * security event. Holds no header or attribute value, only names, ids and the policy's own text.
 *
 * @param outcome the kind of answer
 * @param principal the caller's id, or null when there was none
 * @param method the request's method
 * @param path the request's path
 * @param permissions what the request needed
 * @param roles the caller's effective roles (held, bound, inherited), sorted, at most {@link #MAX_ROLES}
 * @param grants for each permission, what allowed it (empty unless allowed)
 * @param deniedBy the deny rule that applied, or null
 * @param missing permissions nothing granted, with what would have
 * @param conditions every condition evaluated for this decision, in order
 * @param detail one sentence for outcomes that have no rule or permission to name, or null
 */
public record Explanation(
        Outcome outcome,
        String principal,
        String method,
        String path,
        List<String> permissions,
        List<String> roles,
        List<Grant> grants,
        RuleMatch deniedBy,
        List<MissingPermission> missing,
        List<ConditionResult> conditions,
        String detail) {

    /** Most effective roles listed; a caller with more is shown with the first ones by name. */
    public static final int MAX_ROLES = 20;

    /** The kinds of answers. Every one but {@link #ALLOWED} is a denial. */
    public enum Outcome {
        /** Every required permission was granted and no deny rule applied. */
        ALLOWED,
        /** A deny rule applied (its condition was true, or failed). */
        DENIED_BY_RULE,
        /** Some required permission was granted by no role and no applicable allow rule (default deny). */
        NOT_GRANTED,
        /** There was no authenticated caller. */
        NO_PRINCIPAL,
        /** The route lists no permissions and no {@code policy.routes} entry matches the request. */
        NO_PERMISSION_MAPPED
    }

    public Explanation {
        permissions = List.copyOf(permissions);
        roles = List.copyOf(roles);
        grants = List.copyOf(grants);
        missing = List.copyOf(missing);
        conditions = List.copyOf(conditions);
    }

    public boolean allowed() {
        return outcome == Outcome.ALLOWED;
    }

    /** One line a person reads, e.g. {@code deny alice POST /orgs/a/messages: missing messages:write (…)}. */
    public String summary() {
        String who = principal == null ? "anonymous" : principal;
        String head = (allowed() ? "allow " : "deny ") + who + " " + method + " " + path + ": ";
        switch (outcome) {
            case ALLOWED:
                return head + grants.stream().map(Grant::toString).collect(Collectors.joining(", "));
            case DENIED_BY_RULE:
                return head + deniedBy;
            case NOT_GRANTED:
                String failed = conditions.stream()
                        .filter(c -> c.outcome() != ConditionResult.Outcome.TRUE)
                        .map(ConditionResult::toString)
                        .collect(Collectors.joining(", "));
                return head + "missing " + missing.stream().map(MissingPermission::toString)
                        .collect(Collectors.joining(", ")) + (failed.isEmpty() ? "" : "; " + failed);
            default:
                return head + detail;
        }
    }

    /**
     * The explanation as flat string fields for a {@code SecurityEvent}'s details: {@code outcome},
     * {@code permissions}, {@code roles}, and as they apply {@code granted-by}, {@code denied-by},
     * {@code missing}, {@code granting-roles}, {@code conditions}, {@code detail}.
     */
    public Map<String, String> auditDetails() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT));
        d.put("permissions", String.join(",", permissions));
        d.put("roles", String.join(",", roles));
        if (!grants.isEmpty()) {
            d.put("granted-by", grants.stream().map(g -> g.permission() + "=" + g.source().name().toLowerCase(
                    java.util.Locale.ROOT) + ":" + g.name()).collect(Collectors.joining(",")));
        }
        if (deniedBy != null) {
            d.put("denied-by", deniedBy.ruleId());
        }
        if (!missing.isEmpty()) {
            d.put("missing", missing.stream().map(MissingPermission::permission).collect(Collectors.joining(",")));
            d.put("granting-roles", missing.stream().flatMap(m -> m.grantingRoles().stream()).distinct()
                    .collect(Collectors.joining(",")));
        }
        if (!conditions.isEmpty()) {
            d.put("conditions", conditions.stream().map(c -> c.ruleId() + "=" + c.outcome().name()
                    .toLowerCase(java.util.Locale.ROOT)).collect(Collectors.joining(",")));
        }
        if (detail != null) {
            d.put("detail", detail);
        }
        return d;
    }

    @Override
    public String toString() {
        return summary();
    }
}
