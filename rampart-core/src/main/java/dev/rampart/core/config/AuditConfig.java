package dev.rampart.core.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tamper-evident audit log ({@code audit:}): every security event, as a leaf of a signed Merkle tree. */
public record AuditConfig(
        @Doc("Record every security event in the audit log. Default true.") Boolean enabled,
        @Doc("Ed25519 private key (JWK, as 'rampart signing-key' writes) that signs checkpoints; created owner-only "
                + "when missing. Relative to the config file. Default <store.data-dir>/audit-signing-key.jwk.")
        String signingKeyFile,
        @Doc("How often a checkpoint (tree size, root hash, time) is signed while entries arrive. Default 1m.")
        Duration checkpointInterval,
        @Doc("When the store cannot be written: 'refuse' (requests fail with 503 until it can, like Vault) or "
                + "'spool' (entries go to a local spool file, an audit.spooling alert is raised, and they are "
                + "replayed when the store is back). Default refuse.") WriteFailure onWriteFailure,
        @Doc("Spool file for on-write-failure: spool. Relative to the config file. Default "
                + "<store.data-dir>/audit.spool.") String spoolFile,
        @Doc("Fields stored as HMAC-SHA256 pseudonyms under the log's salt (still searchable by value): "
                + "'principal', 'client-ip', or a detail key.") List<String> pseudonymise,
        @Doc("Detail keys stored masked (last four characters kept). Keys named like secrets (password, token, "
                + "cookie, authorization, api-key, ...) are always masked.") List<String> mask,
        @Doc("Retention per event type, e.g. request.allowed: 30d. Older entries lose their fields; the tree, "
                + "its checkpoints and proofs still verify.") Map<String, Duration> retention,
        @Doc("Copies of the log besides the store.") AuditSinksConfig sinks,
        @Doc("Store the principal and the subject-details encrypted under a key of each subject's own "
                + "(deterministic AES-SIV, still searchable), so that erasing a subject (POST /admin/subjects/{id}/erase) "
                + "destroys the key and makes its entries unreadable while the log still verifies. A field also in "
                + "audit.pseudonymise is pseudonymised instead. Default true.") Boolean subjectEncryption,
        @Doc("Detail keys whose values name a person and are encrypted per subject like the principal. "
                + "Default [account, user, user_id, username, owner, key_id] (an API key id names its owner's credential).")
        List<String> subjectDetails,
        @Doc("How often audit.retention is applied; the first run is at start. Default 1h.") Duration retentionCheckInterval,
        @Doc("Mask sensitive data (card numbers, IBANs, SSNs, e-mail, phone, IP, secrets, JWTs; see rampart-detect) "
                + "in the free text the gateway records: audit entry details and action, the details of security "
                + "events from requests (paths, messages) and the access log's path and user agent. Detail keys in "
                + "pseudonymise or (with subject-encryption) subject-details are left to those. Default true.")
        Boolean maskPii) {

    /** What the log does when the store cannot be written. */
    public enum WriteFailure {
        refuse,
        spool
    }

    public AuditConfig {
        enabled = enabled == null ? Boolean.TRUE : enabled;
        checkpointInterval = checkpointInterval == null ? Duration.ofMinutes(1) : checkpointInterval;
        onWriteFailure = onWriteFailure == null ? WriteFailure.refuse : onWriteFailure;
        pseudonymise = pseudonymise == null ? List.of() : List.copyOf(pseudonymise);
        mask = mask == null ? List.of() : List.copyOf(mask);
        retention = retention == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(retention));
        sinks = sinks == null ? new AuditSinksConfig(null, null, null) : sinks;
        subjectEncryption = subjectEncryption == null ? Boolean.TRUE : subjectEncryption;
        subjectDetails = subjectDetails == null ? List.of("account", "user", "user_id", "username", "owner", "key_id") : List.copyOf(subjectDetails);
        retentionCheckInterval = retentionCheckInterval == null ? Duration.ofHours(1) : retentionCheckInterval;
        maskPii = maskPii == null ? Boolean.TRUE : maskPii;
    }

    public static AuditConfig defaults() {
        return new AuditConfig(null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Sinks besides the store. */
    public record AuditSinksConfig(
            @Doc("JSON-lines file with size-based rotation.") AuditFileSinkConfig file,
            @Doc("Print each entry as a JSON line on standard output. Default false.") Boolean stdout,
            @Doc("Send each entry to a syslog server (RFC 5424).") AuditSyslogConfig syslog) {
        public AuditSinksConfig {
            stdout = stdout == null ? Boolean.FALSE : stdout;
        }
    }

    /** The JSON-lines file sink. */
    public record AuditFileSinkConfig(
            @Required @Doc("File to append to; relative to the config file.") String path,
            @Doc("Size at which the file is rotated to <path>.1. Default 100MB.") DataSize maxSize,
            @Doc("Rotated files kept. Default 10.") Integer keep) {
        public AuditFileSinkConfig {
            maxSize = maxSize == null ? DataSize.ofMegabytes(100) : maxSize;
            keep = keep == null ? 10 : keep;
        }
    }

    /** The syslog sink. */
    public record AuditSyslogConfig(
            @Doc("'udp' (RFC 5426) or 'tcp' (RFC 6587 octet counting). Default udp.") Transport transport,
            @Required @Doc("Syslog server host.") String host,
            @Doc("Syslog server port. Default 514.") Integer port,
            @Doc("APP-NAME of the messages. Default rampart.") String appName) {

        /** Syslog transport. */
        public enum Transport {
            udp,
            tcp
        }

        public AuditSyslogConfig {
            transport = transport == null ? Transport.udp : transport;
            port = port == null ? 514 : port;
            appName = appName == null ? "rampart" : appName;
        }
    }
}
