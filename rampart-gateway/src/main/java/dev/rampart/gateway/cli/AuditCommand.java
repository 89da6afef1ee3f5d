package dev.rampart.gateway.cli;

import com.nimbusds.jose.jwk.OctetKeyPair;
import dev.rampart.audit.AuditQuery;
import dev.rampart.audit.AuditReader;
import dev.rampart.audit.AuditVerifier;
import dev.rampart.core.config.RampartConfig;
import dev.rampart.crypto.ArtifactSigning;
import dev.rampart.gateway.audit.GatewayAudit;
import dev.rampart.store.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rampart audit …}: verify and export the audit log on the config's store; neither writes to it. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Verify and export the tamper-evident audit log.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Export.class})
public final class AuditCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code rampart audit verify}. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Re-compute the Merkle tree from the stored entries and check every checkpoint's signature, "
                    + "root and consistency; name the first entry or checkpoint that does not verify (exit 2).")
    static final class Verify extends StoreCommand {

        @Option(names = "--since", paramLabel = "TREE_SIZE",
                description = "Verify from the checkpoint at this tree size; entries before it are trusted through its signed root.")
        Long since;

        @Option(names = "--trusted-key", paramLabel = "FILE",
                description = "Public JWK or JWK Set of the checkpoint signer (default: the public half of audit.signing-key-file).")
        Path trustedKey;

        @Override
        void run(Store store, RampartConfig config, PrintWriter out) {
            List<OctetKeyPair> trusted = trustedKey != null ? ArtifactSigning.readTrustedKeys(trustedKey)
                    : List.of(ArtifactSigning.readPrivateKey(GatewayAudit.signingKeyFile(config, this.config.toAbsolutePath().getParent()))
                            .toPublicJWK());
            AuditVerifier.Report report = AuditVerifier.verify(store, trusted, since);
            if (!report.verified()) {
                throw new IllegalStateException("audit log does not verify: " + report.failure());
            }
            out.printf("audit log verified: %d entries (%d re-hashed), %d checkpoints%n", report.treeSize(),
                    report.entriesChecked(), report.checkpointsChecked());
        }

        @Override
        String notFound() {
            return "no such checkpoint";
        }
    }

    /** {@code rampart audit export}. */
    @Command(name = "export", mixinStandardHelpOptions = true, description = "Write matching entries as JSON lines.")
    static final class Export extends StoreCommand {

        @Option(names = "--from", description = "Entries at or after this time (RFC 3339, e.g. 2026-11-26T00:00:00Z).")
        Instant from;

        @Option(names = "--to", description = "Entries before this time.")
        Instant to;

        @Option(names = "--principal", description = "Only this principal (given raw even when pseudonymised).")
        String principal;

        @Option(names = "--client-ip", description = "Only this client address (given raw even when pseudonymised).")
        String clientIp;

        @Option(names = "--event-type", description = "Only this event type, e.g. request.denied.")
        String eventType;

        @Option(names = "--route", description = "Only this route.")
        String route;

        @Option(names = "--result", description = "Only this result.")
        String result;

        @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
        Path outFile;

        @Override
        void run(Store store, RampartConfig config, PrintWriter out) {
            AuditReader reader = GatewayAudit.reader(config, store, operatorCrypto(store, config));
            AuditQuery query = new AuditQuery(from, to, principal, clientIp, eventType, route, result, -1, 1000);
            try {
                if (outFile == null) {
                    reader.exportJsonl(query, out);
                } else {
                    try (Writer file = Files.newBufferedWriter(outFile, StandardCharsets.UTF_8)) {
                        long n = reader.exportJsonl(query, file);
                        spec.commandLine().getErr().printf("%d entries written to %s%n", n, outFile);
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot write the export: " + e.getMessage(), e);
            }
        }

        @Override
        String notFound() {
            return "nothing to export";
        }
    }
}
