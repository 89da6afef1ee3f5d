package dev.rampart.audit;

import com.nimbusds.jose.jwk.OctetKeyPair;
import dev.rampart.store.Store;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;

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
        try {
            tables.forEachRow(0, row -> {
                long seq = row.stored().seq();
                if (seq != tree.size()) {
                    throw new Failure("entry " + tree.size() + " is missing: the next stored entry is " + seq);
                }
                byte[] hash = row.leafHash();
                if (seq >= trustedPrefix && !row.pruned()) {
                    byte[] recomputed = MerkleTree.leafHash(row.stored().entry().leafBytes());
                    if (!MessageDigest.isEqual(recomputed, hash)) {
                        throw new Failure("entry " + seq + " does not verify: its fields were changed after it was appended "
                                + "(leaf hash recorded " + hex(hash) + ", fields hash to " + hex(recomputed) + ")");
                    }
                    rehashed[0]++;
                }
                tree.append(hash);
                while (!checkpoints.isEmpty() && checkpoints.peekFirst().treeSize() == tree.size()) {
                    check(checkpoints.removeFirst(), tree, trusted, previous);
                    checkpointsOk[0]++;
                }
            });
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

    private static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }
}
