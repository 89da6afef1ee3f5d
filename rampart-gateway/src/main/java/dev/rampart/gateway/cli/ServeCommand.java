package dev.rampart.gateway.cli;

import dev.rampart.gateway.config.ConfigException;
import dev.rampart.gateway.config.ConfigLoader;
import dev.rampart.gateway.config.LoadedConfig;
import dev.rampart.gateway.server.Gateway;
import dev.rampart.gateway.server.GatewayStartException;
import dev.rampart.store.StoreException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rampart serve --config rampart.yaml}: runs the gateway until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the gateway with a config file until SIGTERM/SIGINT.")
public final class ServeCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, defaultValue = "rampart.yaml", paramLabel = "FILE",
            description = "Config file (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--no-watch", description = "Do not reload when the config file changes (POST /admin/config/reload still works).")
    boolean noWatch;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isReadable(config)) {
            err.println("rampart: cannot read config file " + config.toAbsolutePath()
                    + " (give one with --config FILE; 'rampart demo' runs a sample)");
            return 2;
        }
        LoadedConfig loaded;
        try {
            loaded = ConfigLoader.load(config);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 1;
        }
        return run(loaded, !noWatch, err, null, null);
    }

    /**
     * Starts a gateway and blocks until the JVM is asked to stop.
     *
     * @param onStarted called once listening (may be null)
     * @param tokenSink also receives a newly created admin token (may be null)
     */
    static int run(LoadedConfig loaded, boolean watch, PrintWriter err, java.util.function.Consumer<Gateway> onStarted,
            java.util.function.Consumer<String> tokenSink) {
        Gateway gateway;
        try {
            gateway = Gateway.start(loaded, token -> {
                announceAdminToken(err, token);
                if (tokenSink != null) {
                    tokenSink.accept(token);
                }
            }, watch);
        } catch (GatewayStartException | StoreException e) {
            err.println("rampart: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            stopped.countDown();
        }, "rampart-shutdown"));
        if (onStarted != null) {
            onStarted.accept(gateway);
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Shown once, on the terminal, never in a log line; only its hash is stored. */
    static void announceAdminToken(PrintWriter err, String token) {
        err.println();
        err.println("  Admin token (shown once; only its hash is stored - keep it safe):");
        err.println("    " + token);
        err.println("  Use it as 'Authorization: Bearer <token>' on the admin listener.");
        err.println("  Lost it? 'rampart admin reset-token --config FILE' makes a new one.");
        err.println();
        err.flush();
    }
}
