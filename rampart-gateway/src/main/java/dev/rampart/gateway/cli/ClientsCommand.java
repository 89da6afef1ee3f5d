package dev.rampart.gateway.cli;

import com.nimbusds.jose.jwk.JWKSet;
import dev.rampart.auth.oauth2.ClientAuthMethod;
import dev.rampart.auth.oauth2.NewOAuth2Client;
import dev.rampart.auth.oauth2.OAuth2Client;
import dev.rampart.auth.oauth2.OAuth2Clients;
import dev.rampart.auth.oauth2.RegisteredOAuth2Client;
import dev.rampart.core.config.Durations;
import dev.rampart.core.config.RampartConfig;
import dev.rampart.gateway.admin.KeyPlans;
import dev.rampart.gateway.server.Gateway;
import dev.rampart.store.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rampart clients …}: the OAuth2 clients of Rampart's authorization server, straight on the
 * store, as {@code rampart keys} does for API keys. A running gateway caches client records for up
 * to 30 s; {@code POST /admin/oauth2/clients/{id}/revoke} takes effect at once.
 */
@Command(name = "clients", mixinStandardHelpOptions = true,
        description = "Register, list, rotate and revoke OAuth2 clients (client-credentials grant).",
        subcommands = {ClientsCommand.Create.class, ClientsCommand.ListClients.class, ClientsCommand.RotateSecret.class,
            ClientsCommand.Revoke.class})
public final class ClientsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A subcommand on the OAuth2 clients of the config's store. */
    abstract static class OnClients extends StoreCommand {

        abstract void run(OAuth2Clients clients, PrintWriter out);

        @Override
        final void run(Store store, RampartConfig config, PrintWriter out) {
            run(Gateway.oauth2ClientsOf(store, operatorCrypto(store, config)), out);
        }

        @Override
        String notFound() {
            return "no OAuth2 client with that id ('rampart clients list' shows them)";
        }
    }

    /** {@code rampart clients create --name billing --scopes invoices:read [--jwks client-keys.json]}. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Register a client. With --jwks it authenticates with private_key_jwt; otherwise it gets a "
                    + "client secret, printed once (only its hash is stored).")
    static final class Create extends OnClients {
        @Option(names = "--name", required = true, description = "What the client is.") String name;
        @Option(names = "--scopes", split = ",", description = "Scopes it may be granted, comma-separated.")
        List<String> scopes;
        @Option(names = "--roles", split = ",", description = "Roles its tokens carry, comma-separated.")
        List<String> roles;
        @Option(names = "--jwks", paramLabel = "FILE", description = "The client's public keys (a JWK set file), "
                + "for private_key_jwt.") Path jwks;
        @Option(names = "--plan", description = "Rate-limit plan of the client, one of rate-limits.plans; "
                + "default: rate-limits.default-plan.") String plan;

        @Override
        void run(OAuth2Clients clients, PrintWriter out) {
            JWKSet keys = jwks == null ? null : readKeys(jwks);
            KeyPlans.check(plan, rampartConfig.rateLimits());
            RegisteredOAuth2Client registered = clients.register(new NewOAuth2Client(name,
                    keys == null ? ClientAuthMethod.CLIENT_SECRET : ClientAuthMethod.PRIVATE_KEY_JWT, keys,
                    orEmpty(scopes), orEmpty(roles), plan));
            out.println("client_id: " + registered.client().id());
            if (registered.secretShownOnce() != null) {
                out.println("client_secret: " + registered.secretShownOnce());
                spec.commandLine().getErr().println("The client secret above is shown once.");
            }
        }

        private static JWKSet readKeys(Path file) {
            try {
                return JWKSet.parse(Files.readString(file));
            } catch (IOException e) {
                throw new IllegalArgumentException("--jwks: " + file + " cannot be read (" + e.getClass().getSimpleName() + ")");
            } catch (ParseException e) {
                throw new IllegalArgumentException("--jwks: " + file + " is not a JWK set (RFC 7517 §5): " + e.getMessage());
            }
        }
    }

    /** {@code rampart clients list}: metadata only. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List OAuth2 clients (metadata only).")
    static final class ListClients extends OnClients {
        @Override
        void run(OAuth2Clients clients, PrintWriter out) {
            out.printf("%-20s  %-20s  %-15s  %-8s  %s%n", "CLIENT ID", "NAME", "AUTH", "STATE", "SCOPES");
            for (OAuth2Client c : clients.list()) {
                String state = c.revoked() ? "revoked" : c.enabled() ? "enabled" : "disabled";
                out.printf("%-20s  %-20s  %-15s  %-8s  %s%n", c.id(), c.name(), c.authMethod().wireName(), state,
                        String.join(" ", c.scopes().stream().sorted().toList()));
            }
        }
    }

    /** {@code rampart clients rotate-secret ID --grace 24h}. */
    @Command(name = "rotate-secret", mixinStandardHelpOptions = true,
            description = "Issue a new client secret; the old one keeps working for the grace period.")
    static final class RotateSecret extends OnClients {
        @Parameters(paramLabel = "ID", description = "The client_id.") String id;
        @Option(names = "--grace", defaultValue = "24h", paramLabel = "DURATION",
                description = "How long the old secret stays valid (default: ${DEFAULT-VALUE}).") String grace;

        @Override
        void run(OAuth2Clients clients, PrintWriter out) {
            RegisteredOAuth2Client rotated = clients.rotateSecret(id, Durations.parse(grace));
            out.println("client_secret: " + rotated.secretShownOnce());
            spec.commandLine().getErr().println("Client " + id + " has a new secret; the old one works for " + grace + ".");
        }
    }

    /** {@code rampart clients revoke ID}. */
    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a client for good; tokens it already has expire on their own (default 5 min).")
    static final class Revoke extends OnClients {
        @Parameters(paramLabel = "ID", description = "The client_id.") String id;

        @Override
        void run(OAuth2Clients clients, PrintWriter out) {
            clients.revoke(id);
            out.println("OAuth2 client " + id + " revoked.");
        }
    }
}
