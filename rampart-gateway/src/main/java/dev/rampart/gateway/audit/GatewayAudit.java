package dev.rampart.gateway.audit;

import static net.logstash.logback.argument.StructuredArguments.kv;

import dev.rampart.audit.AuditEntry;
import dev.rampart.audit.AuditLog;
import dev.rampart.audit.AuditLog.WriteFailurePolicy;
import dev.rampart.audit.AuditPrivacy;
import dev.rampart.audit.AuditReader;
import dev.rampart.audit.AuditSpool;
import dev.rampart.audit.CheckpointSigner;
import dev.rampart.audit.sink.JsonLinesFileSink;
import dev.rampart.audit.sink.StdoutSink;
import dev.rampart.audit.sink.SyslogSink;
import dev.rampart.core.Decision;
import dev.rampart.core.EventBus;
import dev.rampart.core.Exchange;
import dev.rampart.core.Guard;
import dev.rampart.core.SecurityEvent;
import dev.rampart.core.config.AuditConfig;
import dev.rampart.core.config.RampartConfig;
import dev.rampart.crypto.Crypto;
import dev.rampart.gateway.crypto.AuditSubjectKeyWrap;
import dev.rampart.store.Store;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's audit log: opened at start on the config's store, fed by an event-bus listener
 * that turns every {@link SecurityEvent} into an entry, and a global guard that refuses requests
 * (503 {@code audit-unavailable}) while the log cannot be written under {@code on-write-failure: refuse}.
 */
public final class GatewayAudit implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GatewayAudit.class);

    private final AuditLog auditLog;
    private final Guard refusalGuard;

    private GatewayAudit(AuditLog auditLog) {
        this.auditLog = auditLog;
        this.refusalGuard = new Guard() {
            @Override
            public String name() {
                return "audit-gate";
            }

            @Override
            public CompletionStage<Decision> onRequest(Exchange exchange) {
                return auditLog.writable() ? Decision.proceedStage() : CompletableFuture.completedFuture(Decision.deny(503,
                        "audit-unavailable", "The audit log cannot be written, so requests are refused; try again later."));
            }
        };
    }

    /** Opens the log of the config's {@code audit:} section and subscribes it to {@code events}. Blocks on the store. */
    public static GatewayAudit start(RampartConfig config, Path baseDir, Store store, EventBus events, Crypto crypto) {
        AuditLog auditLog = open(config, baseDir, store, crypto, events::publish);
        addSinks(auditLog, config.audit(), baseDir);
        RecordedTextMasking masking = RecordedTextMasking.of(config.audit());
        events.subscribe(event -> auditLog.append(entryOf(event, masking)).exceptionally(e -> {
            log.error("audit entry not recorded", kv("event", event.type()), kv("request_id", event.requestId()),
                    kv("error", e.getMessage()));
            return null;
        }));
        return new GatewayAudit(auditLog);
    }

    /**
     * The log of the config's {@code audit:} section, without sinks or subscription (also for the CLI). Blocks.
     *
     * @param crypto the crypto service with a master key loaded (the subject keys are sealed under it), or null
     */
    public static AuditLog open(RampartConfig config, Path baseDir, Store store, Crypto crypto,
            java.util.function.Consumer<SecurityEvent> alerts) {
        AuditConfig audit = config.audit();
        Path dataDir = dataDir(config, baseDir);
        Path keyFile = audit.signingKeyFile() == null ? dataDir.resolve("audit-signing-key.jwk") : resolve(baseDir, audit.signingKeyFile());
        Path spoolFile = audit.spoolFile() == null ? dataDir.resolve("audit.spool") : resolve(baseDir, audit.spoolFile());
        return AuditLog.open(store, new AuditLog.Options(privacy(config),
                CheckpointSigner.fromKeyFile(keyFile), audit.checkpointInterval(),
                audit.onWriteFailure() == AuditConfig.WriteFailure.spool ? WriteFailurePolicy.SPOOL : WriteFailurePolicy.REFUSE,
                new AuditSpool(spoolFile), 4096, AuditSubjectKeyWrap.open(store, crypto)), Clock.systemUTC(), alerts);
    }

    /** A reader of the log (CLI beside a running gateway). Blocks. */
    public static AuditReader reader(RampartConfig config, Store store, Crypto crypto) {
        return AuditReader.open(store, privacy(config), AuditSubjectKeyWrap.open(store, crypto));
    }

    /** What the config pseudonymises, masks and encrypts per subject. */
    public static AuditPrivacy privacy(RampartConfig config) {
        AuditConfig audit = config.audit();
        LinkedHashSet<String> subjects = new LinkedHashSet<>();
        if (audit.subjectEncryption()) {
            subjects.add("principal");
            subjects.addAll(audit.subjectDetails());
        }
        return new AuditPrivacy(new LinkedHashSet<>(audit.pseudonymise()), new LinkedHashSet<>(audit.mask()), subjects);
    }

    /** The checkpoint signing key file the config names (the verifier trusts its public half by default). */
    public static Path signingKeyFile(RampartConfig config, Path baseDir) {
        String configured = config.audit().signingKeyFile();
        return configured == null ? dataDir(config, baseDir).resolve("audit-signing-key.jwk") : resolve(baseDir, configured);
    }

    private static Path dataDir(RampartConfig config, Path baseDir) {
        return resolve(baseDir, config.store().dataDir());
    }

    private static Path resolve(Path baseDir, String path) {
        return (baseDir == null ? Path.of("") : baseDir).resolve(path).toAbsolutePath().normalize();
    }

    private static void addSinks(AuditLog auditLog, AuditConfig audit, Path baseDir) {
        AuditConfig.AuditSinksConfig sinks = audit.sinks();
        if (sinks.file() != null) {
            auditLog.addSink(new JsonLinesFileSink(resolve(baseDir, sinks.file().path()), sinks.file().maxSize().bytes(),
                    sinks.file().keep()));
        }
        if (sinks.stdout()) {
            auditLog.addSink(new StdoutSink(System.out));
        }
        if (sinks.syslog() != null) {
            AuditConfig.AuditSyslogConfig s = sinks.syslog();
            auditLog.addSink(new SyslogSink(s.transport() == AuditConfig.AuditSyslogConfig.Transport.tcp
                    ? SyslogSink.Transport.TCP : SyslogSink.Transport.UDP, s.host(), s.port(), localHostName(), s.appName()));
        }
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return null; // RFC 5424 NILVALUE
        }
    }

    /**
     * The entry of an event: action and result come from the event's details when a guard set them
     * ({@code method} + {@code path}, {@code result}), else the result is the event's code; the
     * source, severity and code are kept in the details. Detail values and the action are masked as
     * {@code audit.mask-pii} says.
     */
    static AuditEntry entryOf(SecurityEvent e, RecordedTextMasking masking) {
        Map<String, String> details = new TreeMap<>(masking.details(e.details(), java.util.Set.of()));
        details.put("source", e.source());
        details.put("severity", e.severity().name());
        if (e.code() != null) {
            details.put("code", e.code());
        }
        String method = details.remove("method");
        String path = details.remove("path");
        String action = method == null && path == null ? null : ((method == null ? "" : method + " ") + (path == null ? "" : path)).trim();
        String result = details.remove("result");
        if (result == null) {
            result = e.code();
        }
        return AuditEntry.of(e.time(), e.type(), e.principalId(), e.clientIp(), e.routeId(), masking.text(action), result,
                e.requestId(), details);
    }

    public AuditLog log() {
        return auditLog;
    }

    /** The global guard that fails requests closed while the log cannot be written (refuse policy). */
    public Guard refusalGuard() {
        return refusalGuard;
    }

    /** Applies {@code audit.retention}; blocks on the store. */
    public int applyRetention(AuditConfig config) {
        return auditLog.applyRetention(config.retention());
    }

    @Override
    public void close() {
        auditLog.close();
    }
}
