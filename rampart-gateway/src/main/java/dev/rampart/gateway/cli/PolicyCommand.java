package dev.rampart.gateway.cli;

import dev.rampart.core.Principal;
import dev.rampart.core.config.PolicyConfig;
import dev.rampart.gateway.admin.PolicyExplanations;
import dev.rampart.gateway.config.ConfigException;
import dev.rampart.gateway.config.ConfigLoader;
import dev.rampart.policy.AuthorizationDecision;
import dev.rampart.policy.Authorizer;
import dev.rampart.policy.ExplainQuery;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rampart policy …}: questions to a config's authorization policy, without a running gateway. */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Ask a config's authorization policy.",
        subcommands = {PolicyCommand.Explain.class})
public final class PolicyCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code rampart policy explain}: the decision {@code POST /admin/policy/explain} gives, from the
     * config file (so a policy can be tried before it is deployed). Exit status 0 when allowed, 1 when
     * denied, 2 when the config or the question is wrong, so scripts and CI can assert on it.
     */
    @Command(name = "explain", mixinStandardHelpOptions = true,
            description = "Decide a hypothetical request with the config's policy and explain why: prints the one-line "
                    + "summary and the details. Exit 0: allowed, 1: denied, 2: bad config or options.")
    static final class Explain implements Callable<Integer> {

        static final int ALLOWED = 0;
        static final int DENIED = 1;
        static final int INVALID = 2;

        @Option(names = "--config", required = true, paramLabel = "FILE", description = "The config file, e.g. rampart.yaml.")
        Path config;

        @Option(names = "--principal", required = true, paramLabel = "ID", description = "The caller's id (user, client, key).")
        String principal;

        @Option(names = "--type", paramLabel = "TYPE", description = "USER (default), API_KEY, CLIENT or SERVICE.")
        Principal.Type type;

        @Option(names = "--roles", split = ",", paramLabel = "ROLE", description = "Roles the caller's credentials carry, e.g. --roles member,reader.")
        List<String> roles;

        @Option(names = "--scopes", split = ",", paramLabel = "SCOPE", description = "Scopes the caller's credentials carry.")
        List<String> scopes;

        @Option(names = "--attribute", paramLabel = "KEY=VALUE",
                description = "A caller attribute (claim, groups, plan); repeatable. The value is read as JSON when it is "
                        + "JSON (true, 3, [\"a\",\"b\"]), else as text: --attribute org=acme --attribute suspended=true.")
        Map<String, String> attributes;

        @Option(names = "--method", required = true, paramLabel = "METHOD", description = "The request's method, e.g. POST.")
        String method;

        @Option(names = "--path", required = true, paramLabel = "PATH", description = "The request's path, e.g. /orgs/acme/messages.")
        String path;

        @Option(names = "--header", paramLabel = "NAME=VALUE", description = "A request header field; repeatable.")
        Map<String, String> headers;

        @Option(names = "--ip", paramLabel = "ADDRESS", description = "The client's address.")
        String ip;

        @Option(names = "--permission", split = ",", paramLabel = "RESOURCE:ACTION",
                description = "What the route needs; absent: policy.routes map the method and path.")
        List<String> permissions;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                PolicyConfig policy = ConfigLoader.load(config).config().policy();
                if (policy == null) {
                    err.println(config + ": there is no policy section to ask; add one (roles, bindings, rules)");
                    return INVALID;
                }
                ExplainQuery query = new ExplainQuery(principal, type, roles, scopes, attributeValues(), method, path,
                        null, null, headers, ip, null, permissions);
                AuthorizationDecision d = Authorizer.compile(policy, "policy").explain(query, Instant.now());
                out.print(PolicyExplanations.text(d));
                return d.allowed() ? ALLOWED : DENIED;
            } catch (ConfigException e) {
                err.println(e.getMessage());
                return INVALID;
            } catch (IllegalArgumentException e) {
                err.println("cannot explain: " + e.getMessage());
                return INVALID;
            } finally {
                out.flush();
                err.flush();
            }
        }

        private Map<String, Object> attributeValues() {
            Map<String, Object> values = new LinkedHashMap<>();
            if (attributes != null) {
                attributes.forEach((k, v) -> {
                    Object json = PolicyExplanations.jsonValue(v);
                    values.put(k, json == null ? v : json);
                });
            }
            return values;
        }
    }
}
