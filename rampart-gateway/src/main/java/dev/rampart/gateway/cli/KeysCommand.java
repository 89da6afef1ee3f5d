package dev.rampart.gateway.cli;

import dev.rampart.auth.apikey.ApiKeyRecord;
import dev.rampart.auth.apikey.ApiKeys;
import dev.rampart.auth.apikey.CreatedApiKey;
import dev.rampart.auth.apikey.NewApiKey;
import dev.rampart.core.config.Durations;
import dev.rampart.core.config.RampartConfig;
import dev.rampart.gateway.admin.KeyPlans;
import dev.rampart.gateway.server.Gateway;
import dev.rampart.store.Store;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rampart keys …}: API keys, straight on the store the config names, so it works without a
 * running gateway. A running gateway caches key records for up to 30 s: a revoke made here reaches
 * it within that time; {@code POST /admin/api-keys/{id}/revoke} takes effect at once.
 */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Create, list, rotate and revoke API keys.",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Rotate.class,
            KeysCommand.Revoke.class})
public final class KeysCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A subcommand on the API keys of the config's store. */
    abstract static class OnStore extends StoreCommand {

        abstract void run(ApiKeys keys, PrintWriter out);

        @Override
        final void run(Store store, RampartConfig config, PrintWriter out) {
            run(Gateway.apiKeysOf(store, operatorCrypto(store, config)), out);
        }

        @Override
        String notFound() {
            return "no API key with that id ('rampart keys list' shows them)";
        }
    }

    /** {@code rampart keys create --name ci --owner team-a --roles deployer --expires 90d}. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create an API key; the key is printed once and only its hash is stored.")
    static final class Create extends OnStore {
        @Option(names = "--name", required = true, description = "What the key is for.") String name;
        @Option(names = "--owner", required = true, description = "Who is responsible for it.") String owner;
        @Option(names = "--roles", split = ",", description = "Roles, comma-separated.") List<String> roles;
        @Option(names = "--scopes", split = ",", description = "Scopes, comma-separated.") List<String> scopes;
        @Option(names = "--allow", split = ",", paramLabel = "CIDR",
                description = "Client networks the key may be used from; default anywhere.") List<String> cidrs;
        @Option(names = "--expires", paramLabel = "DURATION", description = "Lifetime, e.g. 90d; default none.")
        String expires;
        @Option(names = "--plan", description = "Rate-limit plan of the key's caller, one of rate-limits.plans; "
                + "default: rate-limits.default-plan.") String plan;

        @Override
        void run(ApiKeys keys, PrintWriter out) {
            Duration lifetime = expires == null ? null : Durations.parse(expires);
            KeyPlans.check(plan, rampartConfig.rateLimits());
            CreatedApiKey created = keys.create(new NewApiKey(name, owner, StoreCommand.orEmpty(roles), StoreCommand.orEmpty(scopes),
                    cidrs == null ? List.of() : cidrs, lifetime, plan));
            out.println(created.plaintextKeyShownOnce());
            spec.commandLine().getErr().println("API key " + created.record().id() + " created; the key above is shown once.");
        }
    }

    /** {@code rampart keys list}: metadata only, never a key or a hash. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List API keys (metadata only).")
    static final class ListKeys extends OnStore {
        @Override
        void run(ApiKeys keys, PrintWriter out) {
            out.printf("%-12s  %-20s  %-16s  %-8s  %-20s  %s%n", "ID", "NAME", "OWNER", "STATE", "EXPIRES", "LAST USED");
            for (ApiKeyRecord r : keys.list()) {
                String state = r.revoked() ? "revoked" : r.enabled() ? "enabled" : "disabled";
                out.printf("%-12s  %-20s  %-16s  %-8s  %-20s  %s%n", r.id(), r.name(), r.owner(), state,
                        r.expiresAt() == null ? "-" : r.expiresAt(), r.lastUsedAt() == null ? "-" : r.lastUsedAt());
            }
        }
    }

    /** {@code rampart keys rotate ID --grace 24h}. */
    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Issue a new secret for a key; the old one keeps working for the grace period.")
    static final class Rotate extends OnStore {
        @Parameters(paramLabel = "ID", description = "The key id.") String id;
        @Option(names = "--grace", defaultValue = "24h", paramLabel = "DURATION",
                description = "How long the old secret stays valid (default: ${DEFAULT-VALUE}).") String grace;

        @Override
        void run(ApiKeys keys, PrintWriter out) {
            CreatedApiKey rotated = keys.rotate(id, Durations.parse(grace));
            out.println(rotated.plaintextKeyShownOnce());
            spec.commandLine().getErr().println("API key " + id + " rotated; the old secret works for " + grace + ".");
        }
    }

    /** {@code rampart keys revoke ID}. */
    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a key for good (a running gateway sees it within 30 s; the admin API at once).")
    static final class Revoke extends OnStore {
        @Parameters(paramLabel = "ID", description = "The key id.") String id;

        @Override
        void run(ApiKeys keys, PrintWriter out) {
            keys.revoke(id);
            out.println("API key " + id + " revoked.");
        }
    }
}
