package dev.rampart.gateway.cli;

import dev.rampart.audit.AuditReader;
import dev.rampart.core.config.RampartConfig;
import dev.rampart.crypto.Crypto;
import dev.rampart.detect.Incidents;
import dev.rampart.gateway.admin.SubjectRequests;
import dev.rampart.gateway.audit.GatewayAudit;
import dev.rampart.gateway.console.ConsoleLogin;
import dev.rampart.gateway.server.Gateway;
import dev.rampart.store.Store;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rampart subjects …}: data-subject export and erasure straight on the store the config names
 * (see {@link SubjectRequests}). Like the other store commands it does not append to the audit log,
 * whose only writer is the gateway: {@code POST /admin/subjects/{id}/erase} also records
 * {@code privacy.subject-erased}. A running gateway keeps a subject key it cached for up to 30 s
 * after an erasure made here; its entries written meanwhile are unreadable too.
 */
@Command(name = "subjects", mixinStandardHelpOptions = true,
        description = "Export or erase everything Rampart holds about a data subject (GDPR access and erasure).",
        subcommands = {SubjectsCommand.Export.class, SubjectsCommand.Erase.class})
public final class SubjectsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A subcommand on the subjects of the config's store. */
    abstract static class OnStore extends StoreCommand {

        @Parameters(index = "0", paramLabel = "ID", description = "The subject: a user's id or login name, or another principal id.")
        String id;

        SubjectRequests requests(Store store, RampartConfig config) {
            Crypto crypto = operatorCrypto(store, config);
            ConsoleLogin console = ConsoleLogin.open(store, config, baseDir(), crypto);
            AuditReader audit = config.audit().enabled() ? GatewayAudit.reader(config, store, crypto) : null;
            return new SubjectRequests(console, Gateway.apiKeysOf(store, crypto), audit,
                    Incidents.over(store, config.detection(), Clock.systemUTC()), Clock.systemUTC());
        }

        @Override
        String notFound() {
            return "nothing found for that subject";
        }
    }

    /** {@code rampart subjects export ID [--out FILE]}. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write everything held about the subject as one JSON document: user record, console sessions, "
                    + "API keys (metadata), incidents naming it (evidence, timeline), values detection rules learnt about it, "
                    + "audit entries naming it (decrypted).")
    static final class Export extends OnStore {

        @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write to FILE (owner-only) instead of standard output.")
        Path outFile;

        @Override
        void run(Store store, RampartConfig config, PrintWriter out) {
            SubjectRequests requests = requests(store, config);
            JsonObject doc = requests.export(id, -1);
            JsonArray entries = doc.getJsonObject("audit").getJsonArray("entries", new JsonArray());
            Object next = doc.getJsonObject("audit").getValue("next_after");
            while (next != null) { // every page in one document
                JsonObject page = requests.export(id, ((Number) next).longValue());
                page.getJsonObject("audit").getJsonArray("entries").forEach(entries::add);
                next = page.getJsonObject("audit").getValue("next_after");
            }
            doc.getJsonObject("audit").put("next_after", null);
            String text = doc.encodePrettily();
            if (outFile == null) {
                out.println(text);
                return;
            }
            try {
                Files.deleteIfExists(outFile);
                Files.createFile(outFile, ownerOnly(outFile));
                Files.writeString(outFile, text + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException("cannot write " + outFile + ": " + e.getMessage(), e);
            }
            spec.commandLine().getErr().printf("export of %s written to %s (%d audit entries)%n", id, outFile, entries.size());
        }

        private static java.nio.file.attribute.FileAttribute<?>[] ownerOnly(Path file) {
            boolean posix = file.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix");
            return posix ? new java.nio.file.attribute.FileAttribute<?>[] {java.nio.file.attribute.PosixFilePermissions
                    .asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"))}
                    : new java.nio.file.attribute.FileAttribute<?>[0];
        }
    }

    /** {@code rampart subjects erase ID --yes}. */
    @Command(name = "erase", mixinStandardHelpOptions = true,
            description = "Delete the subject's user, sessions and API keys and destroy its audit key: its audit entries "
                    + "become unreadable while the log still verifies; incidents naming it are redacted in place. Cannot be undone.")
    static final class Erase extends OnStore {

        @Option(names = "--yes", description = "Confirm: erasing cannot be undone.")
        boolean yes;

        @Override
        void run(Store store, RampartConfig config, PrintWriter out) {
            if (!yes) {
                throw new IllegalArgumentException("erasing " + id + " cannot be undone; run again with --yes to confirm");
            }
            JsonObject answer = requests(store, config).erase(id).answer();
            out.println(answer.encodePrettily());
        }
    }
}
