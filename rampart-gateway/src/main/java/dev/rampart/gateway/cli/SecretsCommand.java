package dev.rampart.gateway.cli;

import dev.rampart.core.Principal;
import dev.rampart.core.config.Durations;
import dev.rampart.crypto.Crypto;
import dev.rampart.crypto.CryptoException;
import dev.rampart.crypto.Secret;
import dev.rampart.crypto.SecretMetadata;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rampart secrets …}: the versioned secrets store on the config's store, so the values that
 * {@code ${secret:path#key}} references name can be written before any gateway runs.
 */
@Command(name = "secrets", mixinStandardHelpOptions = true, description = "Write, read, list and delete versioned secrets.",
        subcommands = {SecretsCommand.Put.class, SecretsCommand.Get.class, SecretsCommand.ListPaths.class,
            SecretsCommand.Delete.class, SecretsCommand.Undelete.class, SecretsCommand.Destroy.class})
public final class SecretsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code rampart secrets put db/orders password=@pw.txt user=orders --cas 0 --ttl 90d}. */
    @Command(name = "put", mixinStandardHelpOptions = true,
            description = "Write a new version; KEY=@FILE reads the value from a file (a KEY=VALUE argument is visible to ps).")
    static final class Put extends CryptoCommand.OnCrypto {
        @Parameters(index = "0", paramLabel = "PATH", description = "Secret path, e.g. db/orders.") String path;
        @Parameters(index = "1..*", arity = "1..*", paramLabel = "KEY=VALUE|KEY=@FILE", description = "The data.")
        List<String> pairs;
        @Option(names = "--cas", paramLabel = "VERSION", description = "Write only if this is the current version (0: new path).")
        Integer cas;
        @Option(names = "--ttl", paramLabel = "DURATION", description = "How long this version stays readable, e.g. 90d.")
        String ttl;

        @Override
        void run(Crypto crypto, Principal operator, PrintWriter out, PrintWriter err) {
            Map<String, String> data = new LinkedHashMap<>();
            for (String pair : pairs) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new CryptoException(CryptoException.Reason.INVALID_INPUT, "'" + pair.split("=", 2)[0]
                            + "…' is not KEY=VALUE or KEY=@FILE");
                }
                String value = pair.substring(eq + 1);
                data.put(pair.substring(0, eq), value.startsWith("@") ? readValue(Path.of(value.substring(1))) : value);
            }
            Secret written = crypto.secrets().put(path, data, cas, ttl == null ? null : Durations.parse(ttl));
            out.println("Secret " + path + " version " + written.version() + " written (keys " + data.keySet() + ").");
        }

        private static String readValue(Path file) {
            try {
                return Files.readString(file, StandardCharsets.UTF_8).stripTrailing();
            } catch (IOException e) {
                throw new CryptoException(CryptoException.Reason.IO, "cannot read " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** {@code rampart secrets get db/orders [--version 2] [--field password]}. */
    @Command(name = "get", mixinStandardHelpOptions = true, description = "Print a version's KEY=VALUE lines (or one field's value).")
    static final class Get extends CryptoCommand.OnCrypto {
        @Parameters(paramLabel = "PATH") String path;
        @Option(names = "--version", defaultValue = "0", description = "Version (default: current).") int version;
        @Option(names = "--field", paramLabel = "KEY", description = "Print only this key's value.") String field;

        @Override
        void run(Crypto crypto, Principal operator, PrintWriter out, PrintWriter err) {
            Secret secret = crypto.secrets().get(path, version).orElseThrow(() -> new CryptoException(
                    CryptoException.Reason.SECRET_NOT_FOUND, "no readable version of secret '" + path
                            + "' (missing, deleted, destroyed or expired; 'rampart secrets list' shows paths)"));
            if (field != null) {
                String value = secret.data().get(field);
                if (value == null) {
                    throw new CryptoException(CryptoException.Reason.SECRET_NOT_FOUND, "secret '" + path + "' has no key '"
                            + field + "'; its keys: " + secret.data().keySet());
                }
                out.println(value);
                return;
            }
            secret.data().forEach((key, value) -> out.println(key + "=" + value));
            err.println("version " + secret.version() + ", written " + secret.createdAt()
                    + (secret.expiresAt() == null ? "" : ", expires " + secret.expiresAt()));
        }
    }

    /** {@code rampart secrets list [PREFIX]}: paths with their current version, no values. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List secret paths (no values).")
    static final class ListPaths extends CryptoCommand.OnCrypto {
        @Parameters(arity = "0..1", paramLabel = "PREFIX", defaultValue = "") String prefix;

        @Override
        void run(Crypto crypto, Principal operator, PrintWriter out, PrintWriter err) {
            for (String path : crypto.secrets().list(prefix)) {
                SecretMetadata m = crypto.secrets().metadata(path).orElseThrow();
                out.printf("%-40s  v%-4d  %d kept%n", path, m.currentVersion(), m.versions().size());
            }
        }
    }

    /** The subcommands that change the state of versions. */
    abstract static class VersionChange extends CryptoCommand.OnCrypto {
        @Parameters(paramLabel = "PATH") String path;
        @Option(names = "--versions", split = ",", paramLabel = "N", description = "Versions (default: the current one).")
        int[] versions;

        int[] versions() {
            return versions == null ? new int[0] : versions;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Soft-delete versions ('undelete' restores them).")
    static final class Delete extends VersionChange {
        @Override
        void run(Crypto crypto, Principal operator, PrintWriter out, PrintWriter err) {
            crypto.secrets().delete(path, versions());
            out.println("Deleted (soft) " + path + ".");
        }
    }

    @Command(name = "undelete", mixinStandardHelpOptions = true, description = "Restore soft-deleted versions.")
    static final class Undelete extends VersionChange {
        @Override
        void run(Crypto crypto, Principal operator, PrintWriter out, PrintWriter err) {
            crypto.secrets().undelete(path, versions());
            out.println("Undeleted " + path + ".");
        }
    }

    @Command(name = "destroy", mixinStandardHelpOptions = true, description = "Remove the values of versions for good.")
    static final class Destroy extends VersionChange {
        @Override
        void run(Crypto crypto, Principal operator, PrintWriter out, PrintWriter err) {
            crypto.secrets().destroy(path, versions());
            out.println("Destroyed " + path + ".");
        }
    }
}
