package dev.rampart.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An append-only RFC 6962 (section 2.1) Merkle tree over leaf hashes, kept in memory: the tree
 * head of any prefix, inclusion proofs and consistency proofs.
 *
 * <p>Every complete, aligned subtree hash is cached ({@code levels[k]} holds the subtrees of
 * 2<sup>k</sup> leaves), so a tree head or a proof costs O(log n) hashes instead of rehashing the
 * leaves; the price is about 64 bytes of memory per leaf. Thread-safe.
 */
public final class MerkleTree {

    /** Size of a SHA-256 hash. */
    public static final int HASH_SIZE = 32;

    private final MessageDigest sha256 = newSha256();
    private final List<HashRow> levels = new ArrayList<>();

    public MerkleTree() {
        levels.add(new HashRow());
    }

    /** {@code SHA-256(0x00 || leaf)}: the hash of one entry's bytes. */
    public static byte[] leafHash(byte[] leaf) {
        MessageDigest sha = newSha256();
        sha.update((byte) 0);
        return sha.digest(leaf);
    }

    /** {@code SHA-256(0x01 || left || right)}: the hash of an interior node. */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        return nodeHash(newSha256(), left, right);
    }

    /** The tree head of the empty tree: {@code SHA-256()} of no bytes. */
    public static byte[] emptyRoot() {
        return newSha256().digest();
    }

    /** Appends the hash of the next leaf (see {@link #leafHash}); returns the leaf's index. */
    public synchronized long append(byte[] leafHash) {
        if (leafHash.length != HASH_SIZE) {
            throw new IllegalArgumentException("a leaf hash has " + HASH_SIZE + " bytes, not " + leafHash.length);
        }
        long index = levels.get(0).size();
        levels.get(0).add(leafHash);
        // Completing a subtree of 2^k leaves completes its parent whenever it is a right child.
        for (int k = 0; levels.get(k).size() % 2 == 0; k++) {
            HashRow row = levels.get(k);
            if (levels.size() == k + 1) {
                levels.add(new HashRow());
            }
            levels.get(k + 1).add(nodeHash(sha256, row.get(row.size() - 2), row.get(row.size() - 1)));
        }
        return index;
    }

    /** Number of leaves. */
    public synchronized long size() {
        return levels.get(0).size();
    }

    /** The hash of leaf {@code index}. */
    public synchronized byte[] leafHashAt(long index) {
        checkRange("leaf index", index, 0, size() - 1);
        return levels.get(0).get(index);
    }

    /** The tree head (root hash) of the first {@code treeSize} leaves. */
    public synchronized byte[] rootHash(long treeSize) {
        checkRange("tree size", treeSize, 0, size());
        return treeSize == 0 ? emptyRoot() : subtreeHash(0, treeSize);
    }

    /** The audit path of leaf {@code index} in the tree of the first {@code treeSize} leaves, leaf side first. */
    public synchronized List<byte[]> inclusionProof(long index, long treeSize) {
        checkRange("tree size", treeSize, 1, size());
        checkRange("leaf index", index, 0, treeSize - 1);
        List<byte[]> proof = new ArrayList<>();
        inclusionPath(index, 0, treeSize, proof);
        return proof;
    }

    /** The proof that the tree of {@code size1} leaves is a prefix of the tree of {@code size2} leaves. */
    public synchronized List<byte[]> consistencyProof(long size1, long size2) {
        checkRange("second tree size", size2, 1, size());
        checkRange("first tree size", size1, 1, size2);
        List<byte[]> proof = new ArrayList<>();
        consistencySubproof(size1, 0, size2, true, proof);
        return proof;
    }

    /** RFC 6962 PATH(m, D[lo:hi]). */
    private void inclusionPath(long m, long lo, long hi, List<byte[]> proof) {
        long n = hi - lo;
        if (n == 1) {
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m < k) {
            inclusionPath(m, lo, lo + k, proof);
            proof.add(subtreeHash(lo + k, hi));
        } else {
            inclusionPath(m - k, lo + k, hi, proof);
            proof.add(subtreeHash(lo, lo + k));
        }
    }

    /** RFC 6962 SUBPROOF(m, D[lo:hi], b). */
    private void consistencySubproof(long m, long lo, long hi, boolean wholeOldTree, List<byte[]> proof) {
        long n = hi - lo;
        if (m == n) {
            if (!wholeOldTree) {
                proof.add(subtreeHash(lo, hi));
            }
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            consistencySubproof(m, lo, lo + k, wholeOldTree, proof);
            proof.add(subtreeHash(lo + k, hi));
        } else {
            consistencySubproof(m - k, lo + k, hi, false, proof);
            proof.add(subtreeHash(lo, lo + k));
        }
    }

    /** MTH(D[lo:hi]) for a range the RFC 6962 recursion produces: lo is aligned to the largest power of two below hi - lo. */
    private byte[] subtreeHash(long lo, long hi) {
        long n = hi - lo;
        if (Long.bitCount(n) == 1) {
            int level = Long.numberOfTrailingZeros(n);
            return levels.get(level).get(lo >>> level);
        }
        long k = largestPowerOfTwoBelow(n);
        return nodeHash(sha256, subtreeHash(lo, lo + k), subtreeHash(lo + k, hi));
    }

    static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }

    private static byte[] nodeHash(MessageDigest sha, byte[] left, byte[] right) {
        sha.update((byte) 1);
        sha.update(left);
        sha.update(right);
        return sha.digest();
    }

    private static void checkRange(String what, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " " + value + " is outside the tree: allowed " + min + ".." + max);
        }
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** A growable row of 32-byte hashes in one array (no object per hash). */
    private static final class HashRow {
        private byte[] bytes = new byte[HASH_SIZE * 64];
        private long count;

        long size() {
            return count;
        }

        void add(byte[] hash) {
            long end = (count + 1) * HASH_SIZE;
            if (end > bytes.length) {
                if (end > Integer.MAX_VALUE - 8) {
                    throw new IllegalStateException("the in-memory Merkle tree holds at most "
                            + (Integer.MAX_VALUE / HASH_SIZE) + " leaves");
                }
                bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 8L, Math.max(end, bytes.length * 2L)));
            }
            System.arraycopy(hash, 0, bytes, (int) (count * HASH_SIZE), HASH_SIZE);
            count++;
        }

        byte[] get(long index) {
            int from = (int) (index * HASH_SIZE);
            return Arrays.copyOfRange(bytes, from, from + HASH_SIZE);
        }
    }
}
