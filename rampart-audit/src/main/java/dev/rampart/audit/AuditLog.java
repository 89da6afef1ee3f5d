package dev.rampart.audit;

import com.google.crypto.tink.Aead;
import dev.rampart.core.SecurityEvent;
import dev.rampart.core.SecurityEvent.Severity;
import dev.rampart.store.Store;
import java.io.IOException;
import java.io.Writer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tamper-evident audit log: entries appended to the store as leaves of an RFC 6962 Merkle
 * tree, with signed checkpoints, proofs and queries.
 *
 * <p>Appends are group-committed: one writer thread takes every entry waiting, inserts them in one
 * transaction and only then completes their futures, so an acknowledged entry is committed (on
 * SQLite in WAL mode a commit survives the process being killed; a power cut may lose the last
 * commits under {@code synchronous=NORMAL}). One process writes a log at a time: sequence numbers
 * are assigned from this process's tree.
 */
public final class AuditLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final String SALT_SETTING = "audit.pseudonym-salt";
    private static final Object STOP = new Object();

    /** What an append does when the store cannot be written. */
    public enum WriteFailurePolicy {
        /** Fail the append; {@link #writable()} turns false so that the gateway refuses requests (fail closed). */
        REFUSE,
        /** Write the entries to the local spool file, acknowledge them, alert, and replay them when the store is back. */
        SPOOL
    }

    /**
     * How the log runs.
     *
     * @param privacy what is pseudonymised and masked
     * @param signer signs checkpoints
     * @param checkpointInterval how often a new checkpoint is signed while entries arrive
     * @param onWriteFailure refuse or spool
     * @param spool the spool (SPOOL policy), or null
     * @param maxBatch most entries per transaction
     * @param subjectKeyWrap seals the per-subject keys at rest (e.g. a key under the master key), or
     *     null to keep them in clear in the store
     */
    public record Options(AuditPrivacy privacy, CheckpointSigner signer, Duration checkpointInterval,
            WriteFailurePolicy onWriteFailure, AuditSpool spool, int maxBatch, Aead subjectKeyWrap) {

        /** Options whose subject keys are kept in clear. */
        public Options(AuditPrivacy privacy, CheckpointSigner signer, Duration checkpointInterval,
                WriteFailurePolicy onWriteFailure, AuditSpool spool, int maxBatch) {
            this(privacy, signer, checkpointInterval, onWriteFailure, spool, maxBatch, null);
        }

        public Options {
            Objects.requireNonNull(privacy, "privacy");
            Objects.requireNonNull(signer, "signer");
            Objects.requireNonNull(checkpointInterval, "checkpointInterval");
            Objects.requireNonNull(onWriteFailure, "onWriteFailure");
            if (onWriteFailure == WriteFailurePolicy.SPOOL && spool == null) {
                throw new IllegalArgumentException("the spool write-failure policy needs a spool file");
            }
            if (maxBatch < 1) {
                throw new IllegalArgumentException("maxBatch must be at least 1, not " + maxBatch);
            }
        }
    }

    /** An inclusion proof of entry {@code seq} in the tree of {@code treeSize} entries. */
    public record InclusionProof(long seq, long treeSize, byte[] leafHash, List<byte[]> path, byte[] rootHash) {}

    /** A consistency proof between two tree sizes. */
    public record ConsistencyProof(long size1, long size2, byte[] root1, byte[] root2, List<byte[]> path) {}

    /**
     * An entry on its way to the store. {@code subjectsProtected}: whether its subject fields are already in
     * stored form (true once the writer encrypted them, or for a spooled entry so marked; null for a
     * spool line older than that mark), so that nothing but this flag decides what is encrypted.
     */
    private record Pending(AuditEntry entry, CompletableFuture<Long> acknowledged, Boolean subjectsProtected) {}

    private final AuditTables tables;
    private final Options options;
    private final Clock clock;
    private final Consumer<SecurityEvent> alerts;
    private final byte[] salt;
    private final AuditReader reader;
    private final SubjectKeys subjects;
    private final MerkleTree tree = new MerkleTree();
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final List<AuditSink> sinks = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean writable = true;
    private volatile boolean closed;
    private Instant lastCheckpointTime;
    private long lastCheckpointSize;

    private AuditLog(Store store, Options options, Clock clock, Consumer<SecurityEvent> alerts) {
        this.tables = new AuditTables(store.dataSource());
        this.options = options;
        this.clock = clock;
        this.alerts = alerts;
        this.salt = loadSalt(store);
        this.subjects = new SubjectKeys(store, salt, options.subjectKeyWrap(), clock);
        this.reader = new AuditReader(tables, options.privacy(), salt, subjects);
        tables.forEachRow(0, row -> {
            if (row.stored().seq() != tree.size()) {
                throw new IllegalStateException("the audit log has a gap: entry " + tree.size() + " is missing (next stored is "
                        + row.stored().seq() + "); run 'rampart audit verify'");
            }
            tree.append(row.leafHash());
        });
        List<Checkpoint> latest = latestCheckpoint();
        lastCheckpointSize = latest.isEmpty() ? 0 : latest.get(0).treeSize();
        lastCheckpointTime = clock.instant(); // the first interval counts from opening
        this.writer = new Thread(this::writeLoop, "audit-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Opens the log on the store: reads the leaf hashes of every stored entry into memory (about 64
     * bytes per entry) and starts the writer thread.
     *
     * @param alerts receives {@code audit.*} events about the log itself (spooling, replay)
     */
    public static AuditLog open(Store store, Options options, Clock clock, Consumer<SecurityEvent> alerts) {
        return new AuditLog(store, options, clock, alerts);
    }

    /** Adds a sink that receives every entry after it is committed (or spooled). */
    public void addSink(AuditSink sink) {
        sinks.add(sink);
    }

    /**
     * Queues an entry. The future completes with the entry's sequence number once it is committed,
     * with -1 once it is spooled (SPOOL policy; its number is assigned at replay), or exceptionally
     * with {@link AuditUnavailableException}. Completion runs on the writer thread: keep dependent
     * actions short or make them asynchronous.
     */
    public CompletableFuture<Long> append(AuditEntry entry) {
        CompletableFuture<Long> ack = new CompletableFuture<>();
        if (closed) {
            ack.completeExceptionally(new AuditUnavailableException("the audit log is closed"));
            return ack;
        }
        queue.add(new Pending(options.privacy().protect(entry, salt), ack, false));
        return ack;
    }

    /**
     * False while the store cannot be written under the REFUSE policy: the gateway refuses requests
     * (fails closed) until an append succeeds again.
     */
    public boolean writable() {
        return writable;
    }

    /** Number of committed entries. */
    public long size() {
        return tree.size();
    }

    /** The root hash of the first {@code treeSize} entries. */
    public byte[] rootHash(long treeSize) {
        return tree.rootHash(treeSize);
    }

    public InclusionProof inclusionProof(long seq, long treeSize) {
        return new InclusionProof(seq, treeSize, tree.leafHashAt(seq), tree.inclusionProof(seq, treeSize), tree.rootHash(treeSize));
    }

    public ConsistencyProof consistencyProof(long size1, long size2) {
        return new ConsistencyProof(size1, size2, tree.rootHash(size1), tree.rootHash(size2), tree.consistencyProof(size1, size2));
    }

    /** Checkpoints of tree size at least {@code fromSize}, smallest first. */
    public List<Checkpoint> checkpoints(long fromSize, int limit) {
        return tables.checkpoints(fromSize, limit);
    }

    /** The log's reader: queries, exports and subject erasure, sharing this log's subject-key cache (an erasure evicts it). */
    public AuditReader reader() {
        return reader;
    }

    /** Entries matching the query, by sequence number, as a reader sees them (subject values decrypted or erased). */
    public List<StoredEntry> query(AuditQuery query) {
        return reader.query(query);
    }

    /**
     * Entries matching the query exactly as stored (subject values encrypted, pseudonyms, masks): the
     * {@link AuditEntry#leafBytes()} of each is its Merkle leaf, for checking an inclusion proof.
     */
    public List<StoredEntry> queryStored(AuditQuery query) {
        return reader.queryStored(query);
    }

    /** Writes every entry matching {@code filter} as JSON lines; returns how many. */
    public long exportJsonl(AuditQuery filter, Writer out) throws IOException {
        return reader.exportJsonl(filter, out);
    }

    /**
     * Entries after {@code afterSeq} naming one of {@code ids} (principal, subject or pseudonymised
     * detail), decrypted, at most {@code limit}: the audit part of a data-subject export. Blocks.
     */
    public List<StoredEntry> subjectEntries(java.util.Collection<String> ids, long afterSeq, int limit) {
        return reader.subjectEntries(ids, afterSeq, limit);
    }

    /**
     * Erases subject {@code id}: destroys its key, so the entries naming it can no longer be read
     * while every leaf, checkpoint and proof still verifies; prunes the entries that name it raw or
     * pseudonymised. Idempotent; a later entry naming {@code id} gets a new key. Blocks.
     */
    public SubjectErasure eraseSubject(String id) {
        return reader.eraseSubject(id);
    }

    /** When {@code id}'s subject key was last erased, if ever. */
    public java.util.Optional<Instant> subjectErasedAt(String id) {
        return reader.erasedAt(id);
    }

    /**
     * Retention: clears the fields of entries of each event type older than its period (the leaf
     * hash stays, so the tree still verifies). Returns how many entries were pruned.
     */
    public int applyRetention(Map<String, Duration> periodByEventType) {
        int pruned = 0;
        Instant now = clock.instant();
        for (Map.Entry<String, Duration> e : periodByEventType.entrySet()) {
            pruned += tables.prune(e.getKey(), AuditEntry.micros(now.minus(e.getValue())));
        }
        return pruned;
    }

    /** Signs and stores a checkpoint of the current tree, on the writer thread; completes with it. */
    public CompletableFuture<Checkpoint> checkpoint() {
        CompletableFuture<Checkpoint> done = new CompletableFuture<>();
        queue.add(done);
        return done;
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>();
        while (true) {
            Object first;
            try {
                first = queue.poll(remainingUntilCheckpoint(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            List<Object> taken = new ArrayList<>();
            if (first != null) {
                taken.add(first);
                queue.drainTo(taken, options.maxBatch() - 1);
            }
            boolean stop = false;
            List<CompletableFuture<Checkpoint>> checkpointRequests = new ArrayList<>();
            for (Object item : taken) {
                if (item == STOP) {
                    stop = true;
                } else if (item instanceof Pending p) {
                    batch.add(p);
                } else {
                    @SuppressWarnings("unchecked")
                    CompletableFuture<Checkpoint> request = (CompletableFuture<Checkpoint>) item;
                    checkpointRequests.add(request);
                }
            }
            if (!batch.isEmpty()) {
                write(batch);
                batch.clear();
            }
            if (!checkpointRequests.isEmpty() || stop || remainingUntilCheckpoint() == 0) {
                signCheckpoint(checkpointRequests);
            }
            if (stop) {
                return;
            }
        }
    }

    private long remainingUntilCheckpoint() {
        if (tree.size() == lastCheckpointSize) {
            return options.checkpointInterval().toMillis();
        }
        Instant due = lastCheckpointTime.plus(options.checkpointInterval());
        return Math.max(0, Duration.between(clock.instant(), due).toMillis());
    }

    private void signCheckpoint(List<CompletableFuture<Checkpoint>> requests) {
        try {
            long size = tree.size();
            Checkpoint cp = options.signer().sign(size, tree.rootHash(size), clock.instant());
            if (size > 0) {
                tables.insertCheckpoint(cp);
            }
            lastCheckpointSize = size;
            lastCheckpointTime = cp.time();
            requests.forEach(r -> r.complete(cp));
        } catch (RuntimeException e) {
            LOG.warn("cannot store an audit checkpoint: {}", e.getMessage());
            requests.forEach(r -> r.completeExceptionally(e));
            lastCheckpointTime = clock.instant(); // retry at the next interval, not in a busy loop
        }
    }

    private void write(List<Pending> batch) {
        List<Pending> toWrite = new ArrayList<>();
        AuditSpool spool = options.spool();
        List<AuditSpool.Spooled> replay = spool == null ? List.of() : spool.read();
        replay.forEach(e -> toWrite.add(new Pending(e.entry(), new CompletableFuture<>(), e.subjectsProtected())));
        toWrite.addAll(batch);
        List<AuditEntry> entries = new ArrayList<>(toWrite.size());
        List<byte[]> hashes = new ArrayList<>(toWrite.size());
        long first = tree.size();
        try {
            // subject keys live in the store: a failure here is a store failure (the entries are
            // then spooled with their subject fields not yet encrypted, and encrypted at replay)
            for (int i = 0; i < toWrite.size(); i++) {
                Pending p = toWrite.get(i);
                AuditEntry stored = p.entry();
                if (p.subjectsProtected() == null) {
                    stored = subjects.protectLegacySpooled(stored, options.privacy());
                } else if (!p.subjectsProtected()) {
                    stored = subjects.protect(stored, options.privacy());
                }
                if (!Boolean.TRUE.equals(p.subjectsProtected())) {
                    toWrite.set(i, new Pending(stored, p.acknowledged(), true));
                }
                entries.add(stored);
                hashes.add(MerkleTree.leafHash(stored.leafBytes()));
            }
            tables.insert(first, entries, hashes);
        } catch (Exception e) {
            // spool what was protected before the failure, so subject values reach the spool encrypted when possible
            onWriteFailure(new ArrayList<>(toWrite.subList(replay.size(), toWrite.size())), e);
            return;
        }
        hashes.forEach(tree::append);
        if (!replay.isEmpty()) {
            spool.clear();
            alerts.accept(SecurityEvent.system("audit.spool-replayed", Severity.INFO, "audit", "spool-replayed",
                    Map.of("entries", Integer.toString(replay.size()))));
        }
        writable = true;
        for (int i = 0; i < toWrite.size(); i++) {
            StoredEntry stored = new StoredEntry(first + i, toWrite.get(i).entry());
            toWrite.get(i).acknowledged().complete(stored.seq());
            deliver(stored);
        }
    }

    private void onWriteFailure(List<Pending> batch, Exception cause) {
        String reason = cause.getMessage();
        if (options.onWriteFailure() == WriteFailurePolicy.SPOOL) {
            try {
                options.spool().append(batch.stream().map(p -> new AuditSpool.Spooled(p.entry(), p.subjectsProtected())).toList());
            } catch (RuntimeException spoolFailure) {
                fail(batch, "the audit store cannot be written (" + reason + ") and neither can the spool ("
                        + spoolFailure.getMessage() + ")", cause);
                return;
            }
            LOG.warn("audit store cannot be written ({}); {} entries spooled to {}", reason, batch.size(), options.spool().file());
            alerts.accept(SecurityEvent.system("audit.spooling", Severity.HIGH, "audit", "audit-store-unavailable",
                    Map.of("entries", Integer.toString(batch.size()), "spool", options.spool().file().toString())));
            for (Pending p : batch) {
                p.acknowledged().complete(-1L);
                deliver(new StoredEntry(-1, p.entry()));
            }
            return;
        }
        fail(batch, "the audit store cannot be written: " + reason, cause);
    }

    private void fail(List<Pending> batch, String message, Exception cause) {
        writable = false;
        LOG.error("{}; refusing", message);
        alerts.accept(SecurityEvent.system("audit.unavailable", Severity.CRITICAL, "audit", "audit-store-unavailable", Map.of()));
        AuditUnavailableException failure = new AuditUnavailableException(message, cause);
        batch.forEach(p -> p.acknowledged().completeExceptionally(failure));
    }

    private void deliver(StoredEntry stored) {
        for (AuditSink sink : sinks) {
            try {
                sink.accept(stored);
            } catch (RuntimeException e) {
                LOG.warn("audit sink {} failed: {}", sink, e.getMessage());
            }
        }
    }

    private List<Checkpoint> latestCheckpoint() {
        List<Checkpoint> all = tables.checkpoints(0, Integer.MAX_VALUE);
        return all.isEmpty() ? List.of() : List.of(all.get(all.size() - 1));
    }

    static byte[] loadSalt(Store store) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        // Racing processes: exactly one salt wins and every process uses it.
        store.settings().compareAndSet(SALT_SETTING, null, Base64.getEncoder().encodeToString(fresh));
        return Base64.getDecoder().decode(store.settings().get(SALT_SETTING).orElseThrow());
    }

    /** Writes what is queued, signs a final checkpoint, stops the writer and closes the sinks. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.add(STOP);
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (AuditSink sink : sinks) {
            try {
                sink.close();
            } catch (RuntimeException e) {
                LOG.warn("closing audit sink {} failed: {}", sink, e.getMessage());
            }
        }
    }
}
