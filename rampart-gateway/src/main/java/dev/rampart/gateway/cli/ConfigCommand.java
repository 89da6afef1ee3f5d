package dev.rampart.gateway.cli;

import dev.rampart.gateway.config.ConfigException;
import dev.rampart.gateway.config.ConfigIssue;
import dev.rampart.gateway.config.ConfigLoader;
import dev.rampart.gateway.config.ConfigSchema;
import dev.rampart.gateway.config.LoadedConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code rampart config …}: checks config files without starting a gateway, and publishes their schema. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Check a config file, or print the config's JSON Schema.",
        subcommands = {ConfigCommand.Validate.class, ConfigCommand.Schema.class})
public final class ConfigCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code rampart config validate FILE}: every error at once, as a CI step or before a deploy. */
    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check a config file as the gateway would load it: prints every error with file:line:column "
                    + "and exits 1, or prints the warnings and exits 0.")
    public static final class Validate implements Callable<Integer> {

        @Parameters(paramLabel = "FILE", description = "The config file, e.g. rampart.yaml.")
        Path file;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            LoadedConfig loaded;
            try {
                loaded = ConfigLoader.load(file);
            } catch (ConfigException e) {
                err.println(e.getMessage());
                err.flush();
                return 1;
            }
            int routes = loaded.config().routes().size();
            out.println(file + ": valid (" + routes + (routes == 1 ? " route)" : " routes)"));
            for (ConfigIssue warning : loaded.warnings()) {
                out.println("warning: " + warning);
            }
            out.flush();
            return 0;
        }
    }

    /** {@code rampart config schema}: for editors (YAML language servers) and CI linters. */
    @Command(name = "schema", mixinStandardHelpOptions = true,
            description = "Print the JSON Schema (draft 2020-12) of the config file; point your editor's YAML support "
                    + "at it for completion and checks as you type.")
    public static final class Schema implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            out.println(ConfigSchema.json());
            out.flush();
            return 0;
        }
    }
}
