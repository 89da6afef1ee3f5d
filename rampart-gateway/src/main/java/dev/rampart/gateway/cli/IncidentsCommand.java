package dev.rampart.gateway.cli;

import dev.rampart.core.config.RampartConfig;
import dev.rampart.detect.Incident;
import dev.rampart.detect.IncidentQuery;
import dev.rampart.detect.IncidentSeverity;
import dev.rampart.detect.Incidents;
import dev.rampart.gateway.detect.IncidentJson;
import dev.rampart.store.Store;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.NoSuchElementException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rampart incidents …}: the detector's incidents on the config's store, the same ones
 * {@code /admin/incidents} serves; changes are seen by a running gateway at once (it reads the store).
 */
@Command(name = "incidents", mixinStandardHelpOptions = true,
        description = "List, show, acknowledge, resolve and annotate the detector's incidents.",
        subcommands = {IncidentsCommand.ListIncidents.class, IncidentsCommand.Show.class, IncidentsCommand.Ack.class,
                IncidentsCommand.Resolve.class, IncidentsCommand.Note.class})
public final class IncidentsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A subcommand on the incidents of the config's store. */
    abstract static class OnIncidents extends StoreCommand {

        abstract void run(Incidents incidents, PrintWriter out);

        @Override
        final void run(Store store, RampartConfig config, PrintWriter out) {
            run(Incidents.over(store, config.detection(), Clock.systemUTC()), out);
        }

        @Override
        String notFound() {
            return "no such incident; 'rampart incidents list' shows their ids";
        }

        static void print(PrintWriter out, Incident i) {
            out.printf("%-26s  %-5s  %-12s  %-20s  %-24s  %s%n", i.id(), i.severity() == null ? "" : i.severity().label(),
                    i.state(), i.openedAt(), i.kind(), i.title());
        }
    }

    /** Changes by someone: the operator's login name unless {@code --by} says otherwise. */
    abstract static class Change extends OnIncidents {
        @Parameters(index = "0", paramLabel = "ID", description = "The incident's id, as 'incidents list' shows it.")
        String id;
        @Option(names = "--by", description = "Who (default: your login name).") String by;

        String author() {
            return by != null && !by.isBlank() ? by : System.getProperty("user.name", "operator");
        }
    }

    /** {@code rampart incidents list --state open --severity SEV-2 --subject alice}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Incidents, newest first; the filters combine.")
    static final class ListIncidents extends OnIncidents {
        @Option(names = "--state", description = "Only this state: ${COMPLETION-CANDIDATES}.") Incident.State state;
        @Option(names = "--severity", description = "Only this severity: SEV-1 .. SEV-4.") String severity;
        @Option(names = "--kind", description = "Only this incident kind.") String kind;
        @Option(names = "--rule", description = "Only incidents opened by this rule.") String rule;
        @Option(names = "--opened-after", paramLabel = "TIME", description = "Opened at or after TIME (e.g. 2026-11-26T10:00:00Z).")
        Instant openedAfter;
        @Option(names = "--opened-before", paramLabel = "TIME", description = "Opened before TIME.") Instant openedBefore;
        @Option(names = "--subject", description = "Only incidents naming this user, account, key id or address anywhere.")
        String subject;
        @Option(names = "--client-ip", paramLabel = "IP", description = "Only incidents with an event from this client address.")
        String clientIp;
        @Option(names = "--limit", defaultValue = "50", description = "At most this many (default: ${DEFAULT-VALUE}).")
        int limit;

        @Override
        void run(Incidents incidents, PrintWriter out) {
            if (limit < 1) {
                throw new IllegalArgumentException("--limit must be 1 or more, got " + limit);
            }
            IncidentQuery query = IncidentQuery.latest(limit).withState(state)
                    .withSeverity(severity == null ? null : IncidentSeverity.parse(severity, "--severity"))
                    .withKind(kind).withRule(rule).withOpenedAfter(openedAfter).withOpenedBefore(openedBefore)
                    .withSubject(subject).withClientIp(clientIp);
            out.printf("%-26s  %-5s  %-12s  %-20s  %-24s  %s%n", "ID", "SEV", "STATE", "OPENED", "KIND", "TITLE");
            incidents.list(query).forEach(i -> print(out, i));
        }
    }

    /** {@code rampart incidents show ID}: the incident with its evidence and timeline, as JSON. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "One incident with evidence and timeline (JSON).")
    static final class Show extends OnIncidents {
        @Parameters(paramLabel = "ID", description = "The incident's id.") String id;

        @Override
        void run(Incidents incidents, PrintWriter out) {
            out.println(IncidentJson.of(incidents.show(id).orElseThrow(() -> new NoSuchElementException(id)), true)
                    .encodePrettily());
        }
    }

    /** {@code rampart incidents ack ID}. */
    @Command(name = "ack", mixinStandardHelpOptions = true,
            description = "Acknowledge an open incident (stops its response SLA timer).")
    static final class Ack extends Change {
        @Override
        void run(Incidents incidents, PrintWriter out) {
            print(out, incidents.acknowledge(id, author()));
        }
    }

    /** {@code rampart incidents resolve ID --resolution "keys rotated"}. */
    @Command(name = "resolve", mixinStandardHelpOptions = true, description = "Resolve an open or acknowledged incident.")
    static final class Resolve extends Change {
        @Option(names = "--resolution", description = "What was done; kept as a note.") String resolution;

        @Override
        void run(Incidents incidents, PrintWriter out) {
            print(out, incidents.resolve(id, author(), resolution));
        }
    }

    /** {@code rampart incidents note ID "talked to the owner"}. */
    @Command(name = "note", mixinStandardHelpOptions = true, description = "Add a note to an incident's timeline.")
    static final class Note extends Change {
        @Parameters(index = "1", paramLabel = "TEXT", description = "The note.") String text;

        @Override
        void run(Incidents incidents, PrintWriter out) {
            incidents.note(id, author(), text);
            out.println("Note added to incident " + id + ".");
        }
    }
}
