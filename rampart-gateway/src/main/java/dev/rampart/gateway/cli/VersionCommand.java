package dev.rampart.gateway.cli;

import dev.rampart.gateway.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code rampart version}. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the Rampart version.")
public final class VersionCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().println(line());
    }

    static String line() {
        return "rampart " + Version.current() + " (Java " + Runtime.version() + ", " + System.getProperty("os.name") + ")";
    }

    /** Supplies {@code rampart --version}. */
    public static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {line()};
        }
    }
}
