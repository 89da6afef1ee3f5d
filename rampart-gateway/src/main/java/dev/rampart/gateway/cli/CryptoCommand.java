package dev.rampart.gateway.cli;

import dev.rampart.core.Principal;
import dev.rampart.core.event.BoundedEventBus;
import dev.rampart.crypto.Crypto;
import dev.rampart.crypto.CryptoException;
import dev.rampart.crypto.MasterKeySource;
import dev.rampart.crypto.TransitAuthorizer;
import dev.rampart.gateway.config.ConfigException;
import dev.rampart.gateway.config.ConfigLoader;
import dev.rampart.gateway.config.LoadedConfig;
import dev.rampart.store.Store;
import dev.rampart.store.StoreException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rampart crypto …}: the master key of the encrypted keys and secrets, straight on the
 * store the config names. The current master key comes from {@code --master-key-file} or the
 * environment ({@code RAMPART_MASTER_KEY}, {@code RAMPART_MASTER_KEY_FILE}, {@code RAMPART_MASTER_PASSPHRASE}).
 */
@Command(name = "crypto", mixinStandardHelpOptions = true, description = "Master key: generate one, or re-encrypt everything under a new one.",
        subcommands = {CryptoCommand.NewMasterKey.class, CryptoCommand.RekeyMaster.class})
public final class CryptoCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What every command on the crypto service does: open the config's store and the service, say what went wrong. */
    abstract static class OnCrypto implements Callable<Integer> {

        @Option(names = {"-c", "--config"}, defaultValue = "rampart.yaml", paramLabel = "FILE",
                description = "Config file naming the store (default: ${DEFAULT-VALUE}).")
        Path config;

        @Option(names = "--master-key-file", paramLabel = "FILE",
                description = "File holding the master key (base64 of 32 bytes); default: RAMPART_MASTER_KEY,"
                        + " RAMPART_MASTER_KEY_FILE or RAMPART_MASTER_PASSPHRASE from the environment.")
        Path masterKeyFile;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        abstract void run(Crypto crypto, Principal operator, PrintWriter out, PrintWriter err);

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            LoadedConfig loaded;
            try {
                loaded = ConfigLoader.load(config);
            } catch (ConfigException e) {
                err.println(e.getMessage());
                return 1;
            }
            try (Store store = Store.open(loaded.config().store(), loaded.baseDir());
                    BoundedEventBus events = new BoundedEventBus(1024, BoundedEventBus.OverflowPolicy.DROP)) {
                MasterKeySource key = masterKeyFile != null ? MasterKeySource.fromFile(masterKeyFile)
                        : MasterKeySource.fromEnvironment(System.getenv()).orElse(null);
                // the operator holds the store and the master key: every permission is theirs already
                Crypto crypto = Crypto.open(store, key, events, TransitAuthorizer.localOperator(), Clock.systemUTC());
                run(crypto, operator(), spec.commandLine().getOut(), err);
                return 0;
            } catch (StoreException e) {
                err.println("rampart: " + e.getMessage());
                return 1;
            } catch (CryptoException e) {
                err.println("rampart: " + e.getMessage());
                return e.reason() == CryptoException.Reason.INVALID_INPUT ? 2 : 1;
            } catch (IllegalArgumentException e) {
                err.println("rampart: " + e.getMessage());
                return 2;
            }
        }
    }

    /** The principal that CLI operations are audited under. */
    static Principal operator() {
        return new Principal("cli:" + System.getProperty("user.name", "unknown"), Principal.Type.SERVICE, "cli",
                Set.of(), Set.of(), Map.of());
    }

    /** {@code rampart crypto new-master-key}: 32 random bytes, base64, for RAMPART_MASTER_KEY. */
    @Command(name = "new-master-key", mixinStandardHelpOptions = true,
            description = "Print a new random master key (base64 of 32 bytes) for RAMPART_MASTER_KEY or a key file.")
    static final class NewMasterKey implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            spec.commandLine().getOut().println(Base64.getEncoder().encodeToString(key));
        }
    }

    /** {@code rampart crypto rekey-master --new-key-file FILE}. */
    @Command(name = "rekey-master", mixinStandardHelpOptions = true,
            description = "Re-encrypt every key and secret under a new master key, in one transaction.")
    static final class RekeyMaster extends OnCrypto {
        @Option(names = "--new-key-file", paramLabel = "FILE", description = "File holding the new master key (base64 of 32 bytes).")
        Path newKeyFile;

        @Option(names = "--new-passphrase-env", paramLabel = "VARIABLE",
                description = "Environment variable holding the new passphrase (Argon2id-derived key).")
        String newPassphraseVariable;

        @Override
        void run(Crypto crypto, Principal operator, PrintWriter out, PrintWriter err) {
            if ((newKeyFile == null) == (newPassphraseVariable == null)) {
                throw new CryptoException(CryptoException.Reason.INVALID_INPUT,
                        "give exactly one of --new-key-file and --new-passphrase-env");
            }
            MasterKeySource next;
            if (newKeyFile != null) {
                next = MasterKeySource.fromFile(newKeyFile);
            } else {
                String passphrase = System.getenv(newPassphraseVariable);
                if (passphrase == null || passphrase.isEmpty()) {
                    throw new CryptoException(CryptoException.Reason.INVALID_INPUT,
                            "environment variable " + newPassphraseVariable + " is not set");
                }
                next = MasterKeySource.passphrase(passphrase.toCharArray());
            }
            int count = crypto.rekeyMaster(next);
            out.println("Re-encrypted " + count + " keysets and secret values under the new master key.");
            err.println("Give every gateway on this store the new master key; they are refused writes until restarted with it.");
        }
    }
}
