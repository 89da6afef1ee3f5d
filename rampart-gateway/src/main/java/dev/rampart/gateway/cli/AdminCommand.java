package dev.rampart.gateway.cli;

import dev.rampart.gateway.admin.AdminTokens;
import dev.rampart.gateway.config.ConfigException;
import dev.rampart.gateway.config.ConfigLoader;
import dev.rampart.gateway.config.LoadedConfig;
import dev.rampart.store.Store;
import dev.rampart.store.StoreException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rampart admin …}: administration that works without a running gateway. */
@Command(name = "admin", mixinStandardHelpOptions = true, description = "Administer the admin credential.",
        subcommands = {AdminCommand.ResetToken.class})
public final class AdminCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code rampart admin reset-token}: replaces the admin token; the old one stops working at once. */
    @Command(name = "reset-token", mixinStandardHelpOptions = true,
            description = "Make a new admin token (printed once) and invalidate the old one, also for a running gateway.")
    public static final class ResetToken implements Callable<Integer> {

        @Option(names = {"-c", "--config"}, defaultValue = "rampart.yaml", paramLabel = "FILE",
                description = "Config file naming the store (default: ${DEFAULT-VALUE}).")
        Path config;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            LoadedConfig loaded;
            try {
                loaded = ConfigLoader.load(config);
            } catch (ConfigException e) {
                spec.commandLine().getErr().println(e.getMessage());
                return 1;
            }
            String token = AdminTokens.generate();
            try (Store store = Store.open(loaded.config().store(), loaded.baseDir())) {
                store.settings().put(AdminTokens.SETTING, AdminTokens.hash(token));
            } catch (StoreException e) {
                spec.commandLine().getErr().println("rampart: " + e.getMessage());
                return 1;
            }
            spec.commandLine().getOut().println(token);
            spec.commandLine().getErr().println("New admin token printed above (shown once). The previous token no longer works.");
            return 0;
        }
    }
}
