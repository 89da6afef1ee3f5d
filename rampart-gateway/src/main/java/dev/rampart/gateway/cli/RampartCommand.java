package dev.rampart.gateway.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code rampart}: the gateway's command line. */
@Command(
        name = "rampart",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = "Rampart: a security gateway for HTTP APIs.",
        subcommands = {
            ServeCommand.class,
            DemoCommand.class,
            ConfigCommand.class,
            AdminCommand.class,
            KeysCommand.class,
            UsersCommand.class,
            ClientsCommand.class,
            BansCommand.class,
            IncidentsCommand.class,
            PolicyCommand.class,
            AuditCommand.class,
            SubjectsCommand.class,
            CryptoCommand.class,
            SecretsCommand.class,
            EncryptCommand.class,
            DecryptCommand.class,
            SigningKeyCommand.class,
            SignCommand.class,
            VerifyCommand.class,
            WafCommand.class,
            VersionCommand.class,
            CommandLine.HelpCommand.class
        })
public final class RampartCommand implements Runnable {

    /** Commands that run a gateway and so keep the structured INFO log on stdout. */
    private static final Set<String> SERVER_COMMANDS = Set.of("serve", "demo");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        if (args.length == 0 || !SERVER_COMMANDS.contains(args[0])) {
            quietLogs();
        }
        int code = new CommandLine(new RampartCommand()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
        if (code != 0 || args.length == 0 || !SERVER_COMMANDS.contains(args[0])) {
            System.exit(code);
        }
    }

    /** One-shot commands print their own output; library INFO lines would only be noise. */
    private static void quietLogs() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
            ctx.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
        }
    }
}
