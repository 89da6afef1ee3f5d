package dev.rampart.audit;

import com.nimbusds.jose.jwk.OctetKeyPair;
import dev.rampart.store.Store;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

/**
 * Re-computes the log's Merkle tree from the stored entries and checks every checkpoint: its
 * signature, its root against the entries, and its consistency with the checkpoint before it.
 * Stops at, and names, the first thing that does not verify.
 *
 * <p>Verifying since a checkpoint trusts the entries before it through that checkpoint's signed
 * root: their recorded leaf hashes must reproduce it, but their fields are not re-serialised.
 */
public final class AuditVerifier {

    private AuditVerifier() {}

    /**
     * The outcome.
     *
     * @param entriesChecked entries whose fields were re-hashed
     * @param checkpointsChecked checkpoints whose signature and root verified
     * @param treeSize entries in the log
     * @param failure the first failure, naming the entry or checkpoint; null when everything verified
     */
    public record Report(long entriesChecked, int checkpointsChecked, long treeSize, String failure) {
        public boolean verified() {
            return failure == null;
        }
    }

    private static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Verifies the log in {@code store}.
     *
     * @param trusted public keys checkpoints may be signed with
     * @param sinceCheckpoint tree size of the checkpoint to start from, or null for the whole log
     */
    public static Report verify(Store store, List<OctetKeyPair> trusted, Long sinceCheckpoint) {
        AuditTables tables = new AuditTables(store.dataSource());
        Deque<Checkpoint> checkpoints = new ArrayDeque<>(tables.checkpoints(0, Integer.MAX_VALUE));
        long since = 0;
        if (sinceCheckpoint != null) {
            while (!checkpoints.isEmpty() && checkpoints.peekFirst().treeSize() < sinceCheckpoint) {
                checkpoints.removeFirst();
            }
            if (checkpoints.isEmpty() || checkpoints.peekFirst().treeSize() != sinceCheckpoint) {
                return new Report(0, 0, 0, "there is no checkpoint at tree size " + sinceCheckpoint
                        + " to verify from; list them with GET /admin/audit/checkpoints");
            }
            since = sinceCheckpoint;
        }
        MerkleTree tree = new MerkleTree();
        long[] rehashed = {0};
        int[] checkpointsOk = {0};
        Checkpoint[] previous = {null};
        final long trustedPrefix = since;
        try (RowPipeline rows = new RowPipeline(tables)) {
            for (List<AuditTables.Row> batch = rows.next(); batch != null; batch = rows.next()) {
                for (AuditTables.Row row : batch) {
                    long seq = row.stored().seq();
                    if (seq != tree.size()) {
                        throw new Failure("entry " + tree.size() + " is missing: the next stored entry is " + seq);
                    }
                    byte[] hash = row.leafHash();
                    if (seq >= trustedPrefix && !row.pruned()) {
                        byte[] recomputed = MerkleTree.leafHash(row.stored().entry().leafBytes());
                        if (!MessageDigest.isEqual(recomputed, hash)) {
                            throw new Failure("entry " + seq + " does not verify: its fields were changed after it was "
                                    + "appended (leaf hash recorded " + hex(hash) + ", fields hash to " + hex(recomputed) + ")");
                        }
                        rehashed[0]++;
                    }
                    tree.append(hash);
                    while (!checkpoints.isEmpty() && checkpoints.peekFirst().treeSize() == tree.size()) {
                        check(checkpoints.removeFirst(), tree, trusted, previous);
                        checkpointsOk[0]++;
                    }
                }
            }
            if (!checkpoints.isEmpty()) {
                throw new Failure("checkpoint at tree size " + checkpoints.peekFirst().treeSize() + " is beyond the log's "
                        + tree.size() + " entries: entries from " + tree.size() + " on were deleted");
            }
        } catch (Failure f) {
            return new Report(rehashed[0], checkpointsOk[0], tree.size(), f.getMessage());
        }
        return new Report(rehashed[0], checkpointsOk[0], tree.size(), null);
    }

    private static void check(Checkpoint cp, MerkleTree tree, List<OctetKeyPair> trusted, Checkpoint[] previous) {
        try {
            CheckpointSigner.verify(cp, trusted);
        } catch (InvalidProofException e) {
            throw new Failure(e.getMessage());
        }
        byte[] root = tree.rootHash(cp.treeSize());
        if (!MessageDigest.isEqual(root, cp.rootHash())) {
            long from = previous[0] == null ? 0 : previous[0].treeSize();
            throw new Failure("checkpoint at tree size " + cp.treeSize() + ": its signed root hash does not match entries 0.."
                    + (cp.treeSize() - 1) + " — an entry in " + from + ".." + (cp.treeSize() - 1)
                    + " was changed together with its leaf hash");
        }
        if (previous[0] != null) {
            Checkpoint prev = previous[0];
            try {
                MerkleProofs.verifyConsistency(prev.treeSize(), cp.treeSize(),
                        tree.consistencyProof(prev.treeSize(), cp.treeSize()), prev.rootHash(), cp.rootHash());
            } catch (InvalidProofException e) {
                throw new Failure("checkpoint at tree size " + cp.treeSize() + " is not consistent with checkpoint at tree size "
                        + prev.treeSize() + ": " + e.getMessage());
            }
        }
        previous[0] = cp;
    }

    /**
     * Reads and decodes the rows on a thread of its own, in batches, while the caller re-hashes and
     * builds the tree: the two halves of the work (store reads and JSON decoding; serialisation and
     * SHA-256) then run on two cores. Bounded, so a fast reader holds at most a few batches.
     */
    private static final class RowPipeline implements AutoCloseable {

        private static final int BATCH = 1024;
        private static final List<AuditTables.Row> END = List.of();

        private final BlockingQueue<List<AuditTables.Row>> batches = new ArrayBlockingQueue<>(8);
        private final Thread reader;
        private volatile boolean closed;
        private volatile RuntimeException readFailure;

        RowPipeline(AuditTables tables) {
            reader = new Thread(() -> read(tables), "rampart-audit-verify-reader");
            reader.setDaemon(true);
            reader.start();
        }

        private void read(AuditTables tables) {
            List<AuditTables.Row> batch = new ArrayList<>(BATCH);
            try {
                tables.forEachRow(0, row -> {
                    batch.add(row);
                    if (batch.size() == BATCH) {
                        put(new ArrayList<>(batch));
                        batch.clear();
                    }
                });
                put(batch);
            } catch (RuntimeException e) {
                readFailure = e;
            } finally {
                if (!closed) {
                    put(END);
                }
            }
        }

        private void put(List<AuditTables.Row> batch) {
            try {
                while (!closed && !batches.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                    // the verifier is busy: wait for room, or for it to give up
                }
                if (closed) {
                    throw new CancellationException("verification stopped");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("verification interrupted");
            }
        }

        /** The next batch in sequence order, or null after the last; rethrows a read failure. */
        List<AuditTables.Row> next() {
            List<AuditTables.Row> batch;
            try {
                batch = batches.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while verifying the audit log", e);
            }
            if (batch == END) {
                if (readFailure != null) {
                    throw readFailure;
                }
                return null;
            }
            return batch;
        }

        @Override
        public void close() {
            closed = true;
            batches.clear();
            try {
                reader.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }
}
