package dev.rampart.gateway.cli;

import dev.rampart.core.config.RampartConfig;
import dev.rampart.core.event.BoundedEventBus;
import dev.rampart.crypto.Crypto;
import dev.rampart.crypto.CryptoException;
import dev.rampart.crypto.TransitAuthorizer;
import dev.rampart.gateway.crypto.GatewayCrypto;
import dev.rampart.gateway.config.ConfigException;
import dev.rampart.gateway.config.ConfigLoader;
import dev.rampart.gateway.config.LoadedConfig;
import dev.rampart.store.Store;
import dev.rampart.store.StoreException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * A subcommand that works straight on the store the config names, without a running gateway
 * ({@code rampart keys …}, {@code rampart clients …}): opens it, runs, and says what went wrong —
 * exit 1 for an unreadable config, an unreachable store or an unknown id, 2 for a refused change.
 */
abstract class StoreCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, defaultValue = "rampart.yaml", paramLabel = "FILE",
            description = "Config file naming the store (default: ${DEFAULT-VALUE}).")
    Path config;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private Path baseDir;
    private BoundedEventBus events;
    /** The loaded config, once {@link #call} has read it: for subcommands that check against it. */
    RampartConfig rampartConfig;

    abstract void run(Store store, RampartConfig config, PrintWriter out);

    /** What relative paths of the config are relative to, once {@link #call} has read it. */
    Path baseDir() {
        return baseDir;
    }

    /**
     * The crypto service with the master key the operator gives (environment or
     * {@code crypto.master-key-file}), or null when none is given and nothing is encrypted yet.
     */
    Crypto operatorCrypto(Store store, RampartConfig config) {
        Crypto crypto = Crypto.open(store, GatewayCrypto.masterKeySource(config.crypto(), baseDir, System.getenv()).orElse(null),
                events, TransitAuthorizer.localOperator(), Clock.systemUTC());
        return crypto.unlocked() ? crypto : null;
    }

    /** What to say when the id given names nothing, e.g. which command lists the ids. */
    abstract String notFound();

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
                BoundedEventBus operatorEvents = new BoundedEventBus(256, BoundedEventBus.OverflowPolicy.DROP)) {
            baseDir = loaded.baseDir();
            events = operatorEvents;
            rampartConfig = loaded.config();
            run(store, loaded.config(), spec.commandLine().getOut());
            return 0;
        } catch (StoreException | CryptoException e) {
            err.println("rampart: " + e.getMessage());
            return 1;
        } catch (NoSuchElementException e) {
            err.println("rampart: " + notFound());
            return 1;
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("rampart: " + e.getMessage());
            return 2;
        }
    }

    static LinkedHashSet<String> orEmpty(List<String> values) {
        return values == null ? new LinkedHashSet<>() : new LinkedHashSet<>(values);
    }
}
