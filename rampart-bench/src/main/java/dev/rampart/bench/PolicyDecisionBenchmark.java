package dev.rampart.bench;

import dev.rampart.core.Principal;
import dev.rampart.core.config.PolicyConfig;
import dev.rampart.core.config.PolicyRuleConfig;
import dev.rampart.core.config.RoleBindingConfig;
import dev.rampart.core.config.RoleConfig;
import dev.rampart.policy.AccessRequest;
import dev.rampart.policy.AuthorizationDecision;
import dev.rampart.policy.Authorizer;
import dev.rampart.policy.Explanation;
import dev.rampart.policy.Grant;
import dev.rampart.policy.Permission;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.casbin.jcasbin.main.Enforcer;
import org.casbin.jcasbin.model.Model;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.Statistics;

/**
 * One authorization decision in a large policy — 1,000 roles (chains of ten by inheritance), 10,000
 * permission patterns (10 per role, some with wildcards), 20 group bindings and 100 rules with CEL
 * conditions (90 allow, 10 deny) — by rampart-policy's {@link Authorizer} and, for comparison, the
 * same model in jCasbin (RBAC with role hierarchy, {@code *} wildcards, deny-override effect and
 * the conditions as {@code eval()} expressions). Latency distribution (SampleTime), so p99 is read
 * off directly.
 *
 * <p>Each invocation decides the next of four requests in turn: granted by an inherited role,
 * granted by an allow rule whose condition is true, denied for want of a permission (with the
 * explanation's lists of granting roles), and denied by a deny rule whose condition is true.
 * {@link #main} runs both benchmarks and prints the p50/p99 and the jCasbin/Rampart ratios.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class PolicyDecisionBenchmark {

    static final int ROLES = 1_000;
    static final int PATTERNS_PER_ROLE = 10;
    static final int RULES = 100;
    static final int GROUPS = 20;
    static final int ACTIONS = 10;

    private static final String CASBIN_MODEL = """
            [request_definition]
            r = sub, obj, act, org, porg, level, ip

            [policy_definition]
            p = sub, obj, act, eft, cond

            [role_definition]
            g = _, _

            [policy_effect]
            e = some(where (p.eft == allow)) && !some(where (p.eft == deny))

            [matchers]
            m = g(r.sub, p.sub) && (p.obj == r.obj || p.obj == "*") && (p.act == r.act || p.act == "*") && eval(p.cond)
            """;

    private Authorizer authorizer;
    private Enforcer enforcer;
    private Principal principal;
    private AccessRequest[] requests;
    private Object[][] casbinRequests;
    private int next;
    private int mask;

    /**
     * {@code mixed} (default) cycles through the four requests; {@code 0}–{@code 3} decide one of
     * them only (role grant, rule grant, missing permission, deny rule), to see what each costs.
     */
    @Param({"mixed"})
    public String request;

    @Setup
    public void setUp() {
        List<List<String>> casbinPolicies = new ArrayList<>();
        List<List<String>> casbinLinks = new ArrayList<>();
        Map<String, RoleConfig> roles = new LinkedHashMap<>();
        for (int i = 0; i < ROLES; i++) {
            List<String> permissions = new ArrayList<>(PATTERNS_PER_ROLE);
            for (int k = 0; k < PATTERNS_PER_ROLE; k++) {
                String resource = k == 9 && i % 50 == 0 ? "*" : "res" + ((i * 7 + k * 131) % 1000);
                String action = k == 8 && i % 25 == 0 ? "*" : "a" + ((i + k) % ACTIONS);
                permissions.add(resource + ":" + action);
                casbinPolicies.add(List.of(role(i), resource, action, "allow", "true"));
            }
            List<String> inherits = i % 10 == 0 ? List.of() : List.of(role(i - 1));
            for (String parent : inherits) {
                casbinLinks.add(List.of(role(i), parent));
            }
            roles.put(role(i), new RoleConfig(permissions, inherits, null));
        }
        List<PolicyRuleConfig> rules = new ArrayList<>(RULES);
        for (int j = 0; j < RULES; j++) {
            boolean deny = j % 10 == 9;
            String subject = role(j * 10 + 5);
            String resource = "res" + ((j * 37) % 1000);
            String action = "a" + (j % ACTIONS);
            String cel = deny ? "request.ip.startsWith('203.0.113.')"
                    : "request.params.org == principal.attributes.org && principal.attributes.level >= " + (j % 5);
            // jCasbin's eval() does not run Aviator's string.startsWith (it comes out false); a whole-value regex does.
            String aviator = deny ? "r.ip =~ /^203\\.0\\.113\\..*/"
                    : "r.org == r.porg && r.level >= " + (j % 5);
            rules.add(new PolicyRuleConfig("rule-" + j, deny ? PolicyRuleConfig.Effect.deny : PolicyRuleConfig.Effect.allow,
                    List.of(subject), List.of(), List.of(resource + ":" + action), cel, null));
            casbinPolicies.add(List.of(subject, resource, action, deny ? "deny" : "allow", aviator));
        }
        List<RoleBindingConfig> bindings = new ArrayList<>();
        for (int g = 0; g < GROUPS; g++) {
            bindings.add(new RoleBindingConfig(List.of(role(g * 50 + 7)), List.of(), List.of("group-" + g), List.of(),
                    Map.of()));
        }
        authorizer = Authorizer.compile(new PolicyConfig(PolicyConfig.Mode.enforce, roles, bindings, List.of(), rules, false),
                "policy");

        // alice holds role-3, role-415 and role-495 and is in group-3 (bound to role-157).
        principal = new Principal("alice", Principal.Type.USER, "jwt", Set.of(role(3), role(415), role(495)), Set.of(),
                Map.of("org", "acme", "level", 3, "groups", List.of("group-3")));
        casbinLinks.add(List.of("alice", role(3)));
        casbinLinks.add(List.of("alice", role(415)));
        casbinLinks.add(List.of("alice", role(495)));
        casbinLinks.add(List.of("alice", role(3 * 50 + 7)));

        Instant now = Instant.parse("2026-11-26T12:00:00Z");
        String inheritedPermission = "res" + ((413 * 7 + 2 * 131) % 1000) + ":a" + ((413 + 2) % ACTIONS);
        String rulePermission = "res" + ((41 * 37) % 1000) + ":a" + (41 % ACTIONS);
        String missingPermission = "res900:a0"; // held by role-700 and the nine roles inheriting from it
        String deniedPermission = "res" + ((49 * 37) % 1000) + ":a" + (49 % ACTIONS);
        requests = new AccessRequest[] {
            request(now, inheritedPermission, "198.51.100.7"),
            request(now, rulePermission, "198.51.100.7"),
            request(now, missingPermission, "198.51.100.7"),
            request(now, deniedPermission, "203.0.113.9"),
        };
        casbinRequests = new Object[requests.length][];
        for (int i = 0; i < requests.length; i++) {
            Permission p = requests[i].permissions().get(0);
            casbinRequests[i] = new Object[] {"alice", p.resource(), p.action(), "acme", "acme", 3,
                requests[i].clientIp()};
        }

        enforcer = new Enforcer(Model.newModelFromString(CASBIN_MODEL));
        enforcer.enableLog(false);
        enforcer.addPolicies(casbinPolicies);
        enforcer.addGroupingPolicies(casbinLinks);

        if (!request.equals("mixed")) {
            int only = Integer.parseInt(request);
            requests = new AccessRequest[] {requests[only]};
            casbinRequests = new Object[][] {casbinRequests[only]};
            mask = 0;
            return;
        }
        mask = 3;
        check(0, Explanation.Outcome.ALLOWED, Grant.Source.ROLE);
        check(1, Explanation.Outcome.ALLOWED, Grant.Source.RULE);
        check(2, Explanation.Outcome.NOT_GRANTED, null);
        check(3, Explanation.Outcome.DENIED_BY_RULE, null);
    }

    private static AccessRequest request(Instant now, String permission, String ip) {
        return AccessRequest.of("POST", "/orgs/acme/things", now)
                .withParams(Map.of("org", "acme"))
                .withClientIp(ip)
                .withPermissions(List.of(Permission.parseRequired(permission)));
    }

    /** Each case must take the path it claims, and jCasbin must agree with Rampart on it. */
    private void check(int i, Explanation.Outcome outcome, Grant.Source source) {
        AuthorizationDecision d = authorizer.decide(principal, requests[i]);
        if (d.explanation().outcome() != outcome
                || (source != null && d.explanation().grants().get(0).source() != source)) {
            throw new IllegalStateException("case " + i + " should be " + outcome + " by " + source + ": " + d);
        }
        if (enforcer.enforce(casbinRequests[i]) != d.allowed()) {
            throw new IllegalStateException("case " + i + ": jCasbin disagrees with " + d);
        }
    }

    private static String role(int i) {
        return "role-" + i;
    }

    @Benchmark
    public AuthorizationDecision rampart() {
        return authorizer.decide(principal, requests[next++ & mask]);
    }

    @Benchmark
    public boolean jcasbin() {
        return enforcer.enforce(casbinRequests[next++ & mask]);
    }

    /** Runs both benchmarks and prints their latency percentiles and the jCasbin/Rampart ratios. */
    public static void main(String[] args) throws RunnerException {
        Map<String, Statistics> stats = new LinkedHashMap<>();
        for (RunResult r : new Runner(new OptionsBuilder()
                .include(PolicyDecisionBenchmark.class.getName() + "\\.")
                .build()).run()) {
            stats.put(r.getParams().getBenchmark().replaceAll(".*\\.", ""), r.getPrimaryResult().getStatistics());
        }
        Statistics rampart = stats.get("rampart");
        Statistics casbin = stats.get("jcasbin");
        for (Map.Entry<String, Statistics> e : stats.entrySet()) {
            System.out.printf("%-8s p50 %10.2f us   p99 %10.2f us   p99.9 %10.2f us   mean %10.2f us%n", e.getKey(),
                    e.getValue().getPercentile(50), e.getValue().getPercentile(99), e.getValue().getPercentile(99.9),
                    e.getValue().getMean());
        }
        System.out.printf("jCasbin / Rampart: p50 %.0fx, p99 %.0fx, mean %.0fx%n",
                casbin.getPercentile(50) / rampart.getPercentile(50), casbin.getPercentile(99) / rampart.getPercentile(99),
                casbin.getMean() / rampart.getMean());
        printCpuTimePerDecision();
    }

    /**
     * Thread CPU time per Rampart decision, per request kind: on a shared machine the wall-clock
     * percentiles above include time the thread spent preempted; CPU time does not.
     */
    private static void printCpuTimePerDecision() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        String[] kinds = {"role grant", "rule grant", "missing permission", "deny rule"};
        for (int kind = 0; kind < kinds.length; kind++) {
            PolicyDecisionBenchmark b = new PolicyDecisionBenchmark();
            b.request = Integer.toString(kind);
            b.setUp();
            for (int i = 0; i < 200_000; i++) {
                b.rampart();
            }
            long best = Long.MAX_VALUE;
            for (int round = 0; round < 5; round++) {
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < 100_000; i++) {
                    b.rampart();
                }
                best = Math.min(best, (threads.getCurrentThreadCpuTime() - start) / 100_000);
            }
            System.out.printf("rampart %-19s %6d ns CPU per decision (best of 5 rounds of 100,000)%n", kinds[kind], best);
        }
    }
}
