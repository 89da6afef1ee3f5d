package dev.rampart.policy;

import dev.rampart.core.Principal;
import dev.rampart.core.config.PolicyConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a caller may make a request, and says why. Built once per config load from a
 * {@link PolicyConfig}; immutable and thread-safe; a decision is CPU work only (hash lookups, bit
 * sets, and the CEL conditions of the rules that cover the request), so it runs on an event loop.
 *
 * <p>A request is allowed when every permission it needs is granted — by one of the caller's
 * effective roles (held in its credentials or bound by {@code policy.bindings}, plus every role
 * those inherit from) or by an allow rule that applies — and no deny rule applies. Anything else is
 * denied. A rule applies when its subjects include the caller (or it has none) and its condition is
 * true. A condition that fails to evaluate (e.g. a missing attribute) never lets a request through:
 * an allow rule with a failing condition does not allow, and a deny rule with one denies.
 */
public final class Authorizer {

    private final PolicyConfig.Mode mode;
    private final RoleGraph roles;
    private final RoleBindings bindings;
    private final List<PolicyRoute> routes;
    private final PermissionIndex<List<CompiledRule>> allowRules;
    private final PermissionIndex<List<CompiledRule>> denyRules;

    Authorizer(PolicyConfig.Mode mode, RoleGraph roles, RoleBindings bindings, List<PolicyRoute> routes,
            PermissionIndex<List<CompiledRule>> allowRules, PermissionIndex<List<CompiledRule>> denyRules) {
        this.mode = mode;
        this.roles = roles;
        this.bindings = bindings;
        this.routes = routes;
        this.allowRules = allowRules;
        this.denyRules = denyRules;
    }

    /**
     * Compiles a policy: permissions parsed and indexed, inheritance closed, conditions compiled and
     * type-checked.
     *
     * @param config the {@code policy:} section
     * @param path where the section is in the config, e.g. {@code "policy"}; problems are reported
     *     under it ({@code policy.rules[2].condition})
     * @throws PolicyConfigException listing every problem, each with its config path
     */
    public static Authorizer compile(PolicyConfig config, String path) {
        return PolicyCompiler.compile(config, path);
    }

    public PolicyConfig.Mode mode() {
        return mode;
    }

    /**
     * Decides one request. In shadow mode the decision is the same but not {@link
     * AuthorizationDecision#enforced() enforced}.
     *
     * @param principal the authenticated caller, or null (always denied)
     * @param request the request and the permissions its route declares (empty: {@code policy.routes} decide)
     */
    public AuthorizationDecision decide(Principal principal, AccessRequest request) {
        Explanation e = evaluate(principal, request);
        return new AuthorizationDecision(e.allowed(), mode == PolicyConfig.Mode.enforce, e);
    }

    /**
     * The same decision for a hypothetical request, for {@code rampart policy explain} and
     * {@code POST /admin/policy/explain}: exactly what {@link #decide} would answer.
     */
    public AuthorizationDecision explain(Principal principal, AccessRequest hypothetical) {
        return decide(principal, hypothetical);
    }

    /**
     * Answers a "what if" question from the admin API or the CLI: {@link #explain(Principal,
     * AccessRequest)} for the query's caller and request.
     *
     * @throws IllegalArgumentException when the query lacks a caller, method or path, or names a
     *     malformed permission (the message names each field)
     */
    public AuthorizationDecision explain(ExplainQuery query, Instant now) {
        AccessRequest request = query.toRequest(now);
        return explain(query.toPrincipal(), request);
    }

    /** The permissions {@code policy.routes} give a method and path, with the template's parameters; null if none matches. */
    public AccessRequest resolveRoute(AccessRequest request) {
        for (PolicyRoute route : routes) {
            if (!route.methods().isEmpty() && !route.methods().contains(request.method())) {
                continue;
            }
            Map<String, String> params = route.template().match(request.path());
            if (params != null) {
                Map<String, String> merged = params;
                if (!request.params().isEmpty()) {
                    merged = new HashMap<>(request.params());
                    merged.putAll(params);
                }
                return request.withParams(merged).withPermissions(route.permissions());
            }
        }
        return null;
    }

    private Explanation evaluate(Principal principal, AccessRequest request) {
        if (principal == null) {
            return refusal(Explanation.Outcome.NO_PRINCIPAL, null, request, List.of(),
                    "no authenticated caller; authorization needs a principal (configure authentication on the route)");
        }
        AccessRequest resolved = request.permissions().isEmpty() ? resolveRoute(request) : request;
        BitSet effective = effectiveRoles(principal);
        if (resolved == null) {
            return refusal(Explanation.Outcome.NO_PERMISSION_MAPPED, principal, request,
                    roleNames(effective, Explanation.MAX_ROLES),
                    "no permission is mapped to " + request.method() + " " + request.path()
                            + "; list permissions on the route or add a policy.routes entry");
        }
        Decider d = new Decider(principal, resolved, effective);
        return d.decide();
    }

    private BitSet effectiveRoles(Principal principal) {
        BitSet held = new BitSet(roles.names.length);
        for (String r : principal.roles()) {
            Integer id = roles.ids.get(r);
            if (id != null) {
                held.set(id);
            }
        }
        bindings.addBound(principal, held);
        BitSet effective = new BitSet(roles.names.length);
        roles.close(held, effective);
        return effective;
    }

    /** The names of the roles in {@code set}, sorted (ids are in name order), at most {@code max}. */
    private List<String> roleNames(BitSet set, int max) {
        String[] names = new String[Math.min(max, set.cardinality())];
        int i = 0;
        for (int r = set.nextSetBit(0); r >= 0 && i < names.length; r = set.nextSetBit(r + 1)) {
            names[i++] = roles.names[r];
        }
        return Arrays.asList(names);
    }

    private static Explanation refusal(Explanation.Outcome outcome, Principal principal, AccessRequest request,
            List<String> roleNames, String detail) {
        return new Explanation(outcome, principal == null ? null : principal.id(), request.method(), request.path(),
                names(request.permissions()), cap(roleNames, Explanation.MAX_ROLES), List.of(), null, List.of(),
                List.of(), detail);
    }

    private static List<String> names(List<Permission> permissions) {
        List<String> out = new ArrayList<>(permissions.size());
        for (Permission p : permissions) {
            out.add(p.toString());
        }
        return out;
    }

    private static List<String> cap(List<String> list, int max) {
        return list.size() <= max ? list : list.subList(0, max);
    }

    /** One decision's state: the caller's roles, the lazily built CEL input, what was evaluated. */
    private final class Decider {
        private final Principal principal;
        private final AccessRequest request;
        private final BitSet effective;
        private List<String> roleNames;
        private ConditionInput input;
        private final List<ConditionResult> conditions = new ArrayList<>(2);

        Decider(Principal principal, AccessRequest request, BitSet effective) {
            this.principal = principal;
            this.request = request;
            this.effective = effective;
        }

        Explanation decide() {
            for (Permission p : request.permissions()) {
                RuleMatch denial = firstDenial(p);
                if (denial != null) {
                    return explanation(Explanation.Outcome.DENIED_BY_RULE, List.of(), denial, List.of());
                }
            }
            List<Grant> grants = new ArrayList<>(request.permissions().size());
            List<MissingPermission> missing = null;
            for (Permission p : request.permissions()) {
                Grant g = grant(p);
                if (g != null) {
                    grants.add(g);
                } else {
                    if (missing == null) {
                        missing = new ArrayList<>(1);
                    }
                    missing.add(missing(p));
                }
            }
            return missing == null
                    ? explanation(Explanation.Outcome.ALLOWED, grants, null, List.of())
                    : explanation(Explanation.Outcome.NOT_GRANTED, List.of(), null, missing);
        }

        private RuleMatch firstDenial(Permission p) {
            for (CompiledRule rule : candidates(denyRules, p)) {
                if (!rule.appliesTo(principal, effective)) {
                    continue;
                }
                ConditionResult c = check(rule);
                if (c == null || c.outcome() != ConditionResult.Outcome.FALSE) {
                    return new RuleMatch(rule.id, rule.path, p.toString(), rule.patternCovering(p), c);
                }
            }
            return null;
        }

        private Grant grant(Permission p) {
            for (int v = 0, n = PermissionIndex.variants(p); v < n; v++) {
                BitSet holders = roles.holders.covering(p, v);
                if (holders != null && holders.intersects(effective)) {
                    int role = firstCommon(holders, effective);
                    return new Grant(p.toString(), Grant.Source.ROLE, roles.names[role],
                            PermissionIndex.patternOf(p, v));
                }
            }
            for (CompiledRule rule : candidates(allowRules, p)) {
                if (rule.appliesTo(principal, effective)) {
                    ConditionResult c = check(rule);
                    if (c == null || c.outcome() == ConditionResult.Outcome.TRUE) {
                        return new Grant(p.toString(), Grant.Source.RULE, rule.id, rule.patternCovering(p));
                    }
                }
            }
            return null;
        }

        private MissingPermission missing(Permission p) {
            BitSet all = new BitSet();
            for (int v = 0, n = PermissionIndex.variants(p); v < n; v++) {
                BitSet holders = roles.holders.covering(p, v);
                if (holders != null) {
                    all.or(holders);
                }
            }
            List<String> granting = roleNames(all, MissingPermission.MAX_LISTED);
            int more = all.cardinality() - granting.size();
            List<String> rules = new ArrayList<>();
            for (CompiledRule rule : candidates(allowRules, p)) {
                rules.add(rule.id);
            }
            return new MissingPermission(p.toString(), granting, more, rules);
        }

        /** Evaluates a rule's condition once per decision; null when it has none. */
        private ConditionResult check(CompiledRule rule) {
            if (rule.condition == null) {
                return null;
            }
            for (ConditionResult done : conditions) {
                if (done.ruleId().equals(rule.id)) {
                    return done;
                }
            }
            if (input == null) {
                input = new ConditionInput(principal, this::allRoleNames, request);
            }
            ConditionResult c = rule.condition.evaluate(rule.id, input);
            conditions.add(c);
            return c;
        }

        private List<String> allRoleNames() {
            if (roleNames == null) {
                roleNames = roleNames(effective, Integer.MAX_VALUE);
            }
            return roleNames;
        }

        private Explanation explanation(Explanation.Outcome outcome, List<Grant> grants, RuleMatch denial,
                List<MissingPermission> missing) {
            return new Explanation(outcome, principal.id(), request.method(), request.path(),
                    names(request.permissions()), cap(allRoleNames(), Explanation.MAX_ROLES), grants, denial, missing,
                    conditions, null);
        }
    }

    /** Rules covering {@code p} under any of its four patterns, in config order, each once. */
    private static List<CompiledRule> candidates(PermissionIndex<List<CompiledRule>> index, Permission p) {
        List<CompiledRule> found = null;
        int lists = 0;
        for (int v = 0, n = PermissionIndex.variants(p); v < n; v++) {
            List<CompiledRule> rules = index.covering(p, v);
            if (rules == null) {
                continue;
            }
            if (found == null) {
                found = rules;
            } else {
                if (lists == 1) {
                    found = new ArrayList<>(found);
                }
                for (CompiledRule r : rules) {
                    if (!found.contains(r)) {
                        found.add(r);
                    }
                }
            }
            lists++;
        }
        if (found == null) {
            return List.of();
        }
        if (lists > 1) {
            found.sort((a, b) -> Integer.compare(a.index, b.index));
        }
        return found;
    }

    private static int firstCommon(BitSet a, BitSet b) {
        for (int i = a.nextSetBit(0); i >= 0; i = a.nextSetBit(i + 1)) {
            if (b.get(i)) {
                return i;
            }
        }
        return -1;
    }
}
