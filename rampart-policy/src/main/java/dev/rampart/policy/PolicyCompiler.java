package dev.rampart.policy;

import dev.rampart.core.config.PolicyConfig;
import dev.rampart.core.config.PolicyRouteConfig;
import dev.rampart.core.config.PolicyRuleConfig;
import dev.rampart.core.config.RoleBindingConfig;
import dev.rampart.core.config.RoleConfig;
import dev.rampart.core.path.PathTemplate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a {@link PolicyConfig} into the indexes an {@link Authorizer} decides with, collecting every
 * problem with its config path instead of stopping at the first.
 */
final class PolicyCompiler {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    /** Methods are case-sensitive (RFC 9110 §9.1) and clients send them upper case. */
    private static final Pattern METHOD = Pattern.compile("[A-Z][A-Z0-9_-]*");

    private final PolicyConfig config;
    private final String root;
    private final List<PolicyProblem> problems = new ArrayList<>();

    private PolicyCompiler(PolicyConfig config, String root) {
        this.config = config;
        this.root = root;
    }

    static Authorizer compile(PolicyConfig config, String root) {
        return new PolicyCompiler(config, root).compile();
    }

    private Authorizer compile() {
        RoleGraph roles = roles();
        RoleBindings bindings = bindings(roles);
        List<PolicyRoute> routes = routes();
        PermissionIndex<List<CompiledRule>> allow = new PermissionIndex<>();
        PermissionIndex<List<CompiledRule>> deny = new PermissionIndex<>();
        rules(roles, allow, deny);
        if (!problems.isEmpty()) {
            throw new PolicyConfigException(problems);
        }
        return new Authorizer(config.mode(), roles, bindings, routes, allow, deny);
    }

    private RoleGraph roles() {
        int n = config.roles().size();
        String[] names = new String[n];
        Map<String, Integer> ids = new HashMap<>(n * 2);
        int i = 0;
        // Ids in name order: a set of roles read off a bit set comes out sorted, with no sort per decision.
        for (String name : new java.util.TreeSet<>(config.roles().keySet())) {
            if (!NAME.matcher(name).matches()) {
                problem(child(root + ".roles", name), "'" + name + "' is not a role name; use letters, digits, '.', "
                        + "'_' or '-'");
            }
            names[i] = name;
            ids.put(name, i++);
        }
        int[][] parents = new int[n][];
        List<List<Permission>> own = new ArrayList<>(n);
        for (int r = 0; r < n; r++) {
            RoleConfig role = config.roles().get(names[r]);
            String at = child(root + ".roles", names[r]);
            if (role == null) {
                problem(at, "the role has no settings; write e.g. {permissions: [messages:read]}, or {} for a role "
                        + "that only rules refer to");
                parents[r] = new int[0];
                own.add(List.of());
                continue;
            }
            parents[r] = roleIds(role.inherits(), ids, at + ".inherits");
            own.add(patterns(role.permissions(), at + ".permissions"));
        }
        BitSet[] closure = new BitSet[n];
        for (int r = 0; r < n; r++) {
            closure(r, parents, closure, new ArrayList<>(), names);
        }
        PermissionIndex<BitSet> holders = new PermissionIndex<>();
        for (int r = 0; r < n; r++) {
            for (int a = closure[r].nextSetBit(0); a >= 0; a = closure[r].nextSetBit(a + 1)) {
                for (Permission p : own.get(a)) {
                    holders.computeIfAbsent(p, () -> new BitSet(n)).set(r);
                }
            }
        }
        return new RoleGraph(names, Map.copyOf(ids), closure, holders);
    }

    /** Depth-first closure over {@code inherits}; a cycle is reported once, at the role that closes it. */
    private BitSet closure(int r, int[][] parents, BitSet[] closure, List<Integer> trail, String[] names) {
        if (closure[r] != null) {
            return closure[r];
        }
        int seen = trail.indexOf(r);
        if (seen >= 0) {
            StringBuilder cycle = new StringBuilder();
            for (int k = seen; k < trail.size(); k++) {
                cycle.append(names[trail.get(k)]).append(" -> ");
            }
            cycle.append(names[r]);
            problem(child(root + ".roles", names[trail.get(trail.size() - 1)]) + ".inherits",
                    "roles inherit from each other in a cycle (" + cycle + "); inheritance must end somewhere, "
                            + "so remove one of these inherits entries");
            return new BitSet();
        }
        trail.add(r);
        BitSet set = new BitSet(parents.length);
        set.set(r);
        for (int p : parents[r]) {
            set.or(closure(p, parents, closure, trail, names));
        }
        trail.remove(trail.size() - 1);
        closure[r] = set;
        return set;
    }

    private RoleBindings bindings(RoleGraph roles) {
        RoleBindings out = new RoleBindings();
        for (int i = 0; i < config.bindings().size(); i++) {
            RoleBindingConfig b = config.bindings().get(i);
            String at = root + ".bindings[" + i + "]";
            if (b.roles().isEmpty()) {
                problem(at + ".roles", "give the roles this binding gives, e.g. roles: [writer]");
            }
            BitSet bound = roleSet(b.roles(), roles.ids, at + ".roles");
            if (b.principals().isEmpty() && b.groups().isEmpty() && b.apiKeys().isEmpty() && b.claims().isEmpty()) {
                problem(at, "the binding selects no one; give principals, groups, api-keys or claims");
            }
            b.principals().forEach(id -> orInto(out.byPrincipal, id, bound));
            b.apiKeys().forEach(id -> orInto(out.byApiKey, id, bound));
            b.groups().forEach(g -> orInto(out.byGroup, g, bound));
            b.claims().forEach((claim, value) -> orInto(out.byClaim.computeIfAbsent(claim, c -> new HashMap<>()),
                    value, bound));
        }
        return out;
    }

    private static void orInto(Map<String, BitSet> map, String key, BitSet roles) {
        map.computeIfAbsent(key, k -> new BitSet()).or(roles);
    }

    private List<PolicyRoute> routes() {
        List<PolicyRoute> out = new ArrayList<>();
        for (int i = 0; i < config.routes().size(); i++) {
            PolicyRouteConfig r = config.routes().get(i);
            String at = root + ".routes[" + i + "]";
            PathTemplate template = null;
            try {
                template = PathTemplate.parse(r.path());
            } catch (IllegalArgumentException e) {
                problem(at + ".path", e.getMessage());
            }
            for (int m = 0; m < r.methods().size(); m++) {
                if (!METHOD.matcher(r.methods().get(m)).matches()) {
                    problem(at + ".methods[" + m + "]", "'" + r.methods().get(m) + "' is not an HTTP method as "
                            + "clients send it; write it in upper case, e.g. GET, POST or DELETE");
                }
            }
            if (r.permissions().isEmpty()) {
                problem(at + ".permissions", "give the permissions this path needs, e.g. [messages:write]");
            }
            List<Permission> required = new ArrayList<>();
            for (int p = 0; p < r.permissions().size(); p++) {
                try {
                    required.add(Permission.parseRequired(r.permissions().get(p)));
                } catch (IllegalArgumentException e) {
                    problem(at + ".permissions[" + p + "]", e.getMessage());
                }
            }
            if (template != null) {
                out.add(new PolicyRoute(Set.copyOf(r.methods()), template, List.copyOf(required)));
            }
        }
        return out;
    }

    private void rules(RoleGraph roles, PermissionIndex<List<CompiledRule>> allow,
            PermissionIndex<List<CompiledRule>> deny) {
        ConditionLanguage cel = null;
        Map<String, Integer> seenIds = new HashMap<>();
        for (int i = 0; i < config.rules().size(); i++) {
            PolicyRuleConfig rule = config.rules().get(i);
            String at = root + ".rules[" + i + "]";
            if (rule.id() == null || !NAME.matcher(rule.id()).matches()) {
                problem(at + ".id", "give the rule an id of letters, digits, '.', '_' or '-'; it names the rule "
                        + "in explanations and audit events");
            } else {
                Integer first = seenIds.putIfAbsent(rule.id(), i);
                if (first != null) {
                    problem(at + ".id", "'" + rule.id() + "' is already the id of " + root + ".rules[" + first
                            + "]; rule ids must be unique");
                }
            }
            if (rule.effect() == null) {
                problem(at + ".effect", "give the effect: allow or deny");
            }
            if (rule.permissions().isEmpty()) {
                problem(at + ".permissions", "give the permissions the rule covers, e.g. [messages:write] or "
                        + "[messages:*]");
            }
            List<Permission> patterns = patterns(rule.permissions(), at + ".permissions");
            BitSet subjects = roleSet(rule.roles(), roles.ids, at + ".roles");
            Condition condition = null;
            if (rule.condition() != null) {
                if (cel == null) {
                    cel = new ConditionLanguage();
                }
                condition = cel.compile(rule.condition(), at + ".condition", problems);
            }
            if (rule.effect() == null) {
                continue;
            }
            CompiledRule compiled = new CompiledRule(i, rule.id(), at, rule.effect(), subjects,
                    Set.copyOf(rule.principals()), condition, patterns);
            PermissionIndex<List<CompiledRule>> index = rule.effect() == PolicyRuleConfig.Effect.allow ? allow : deny;
            for (Permission p : new LinkedHashSet<>(patterns)) {
                index.computeIfAbsent(p, ArrayList::new).add(compiled);
            }
        }
    }

    private List<Permission> patterns(List<String> texts, String at) {
        List<Permission> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            try {
                out.add(Permission.parse(texts.get(i)));
            } catch (IllegalArgumentException e) {
                problem(at + "[" + i + "]", e.getMessage());
            }
        }
        return out;
    }

    private int[] roleIds(List<String> names, Map<String, Integer> ids, String at) {
        List<Integer> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            Integer id = ids.get(names.get(i));
            if (id == null) {
                problem(at + "[" + i + "]", "no role '" + names.get(i) + "' is defined under " + root + ".roles");
            } else if (seen.add(names.get(i))) {
                out.add(id);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private BitSet roleSet(List<String> names, Map<String, Integer> ids, String at) {
        BitSet set = new BitSet();
        for (int id : roleIds(names, ids, at)) {
            set.set(id);
        }
        return set;
    }

    private void problem(String path, String message) {
        problems.add(new PolicyProblem(path, message));
    }

    /** A map key's path, written as the gateway's config loader writes key paths (so it finds the line). */
    private static String child(String parent, String key) {
        return parent + "." + key;
    }
}
