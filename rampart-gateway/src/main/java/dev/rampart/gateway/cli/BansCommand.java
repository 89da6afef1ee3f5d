package dev.rampart.gateway.cli;

import dev.rampart.core.BanList;
import dev.rampart.core.config.RampartConfig;
import dev.rampart.core.event.BoundedEventBus;
import dev.rampart.ratelimit.EscalatingBanList;
import dev.rampart.store.Store;
import java.io.PrintWriter;
import java.time.Clock;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rampart bans …}: escalating bans on the config's store. A running gateway reads changes
 * made here within {@code bans.sync-interval} (30 s by default); {@code POST /admin/bans} acts at once.
 */
@Command(name = "bans", mixinStandardHelpOptions = true, description = "List, add and lift bans of client addresses.",
        subcommands = {BansCommand.ListBans.class, BansCommand.Add.class, BansCommand.Remove.class})
public final class BansCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A subcommand on the ban list of the config's store; its writes are done before it returns. */
    abstract static class OnBans extends StoreCommand {

        abstract void run(EscalatingBanList bans, PrintWriter out);

        @Override
        final void run(Store store, RampartConfig config, PrintWriter out) {
            // the CLI's own bus has no consumers: the ban list's events are for a running gateway's audit
            try (BoundedEventBus events = new BoundedEventBus(16, BoundedEventBus.OverflowPolicy.DROP);
                    EscalatingBanList bans = EscalatingBanList.open(store, config.bans(), events, Clock.systemUTC())) {
                run(bans, out);
                bans.awaitWrites();
            }
        }

        @Override
        String notFound() {
            return "no such ban";
        }

        static void print(PrintWriter out, BanList.Ban b) {
            out.printf("%-24s  %-20s  %-20s  %-7d  %s%n", b.block(), b.until(), b.source(), b.offence(), b.reason());
        }
    }

    /** {@code rampart bans list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Bans in force, soonest-ending first.")
    static final class ListBans extends OnBans {
        @Override
        void run(EscalatingBanList bans, PrintWriter out) {
            out.printf("%-24s  %-20s  %-20s  %-7s  %s%n", "BLOCK", "UNTIL", "SOURCE", "OFFENCE", "REASON");
            bans.list().forEach(b -> print(out, b));
        }
    }

    /** {@code rampart bans add 203.0.113.7 --reason "credential stuffing"}. */
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Ban an address or CIDR block; a repeat offender's ban doubles up to bans.max-time.")
    static final class Add extends OnBans {
        @Parameters(paramLabel = "BLOCK", description = "An IP address or CIDR block.") String block;
        @Option(names = "--reason", defaultValue = "banned by an operator", description = "Why (shown in lists and events).")
        String reason;

        @Override
        void run(EscalatingBanList bans, PrintWriter out) {
            print(out, bans.ban(block, reason, "cli"));
        }
    }

    /** {@code rampart bans remove 203.0.113.7}. */
    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Lift the ban of exactly this block.")
    static final class Remove extends OnBans {
        @Parameters(paramLabel = "BLOCK", description = "The banned block, as 'bans list' shows it.") String block;

        @Override
        void run(EscalatingBanList bans, PrintWriter out) {
            BanList.Ban lifted = bans.unban(block).orElseThrow(() -> new java.util.NoSuchElementException(block));
            out.println("Ban of " + lifted.block() + " lifted.");
        }
    }
}
