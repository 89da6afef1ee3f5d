package dev.rampart.audit;

import java.security.MessageDigest;
import java.util.List;

/**
 * Verification of RFC 6962 proofs, by the iterative algorithms of RFC 9162 sections 2.1.3.2
 * (inclusion) and 2.1.4.2 (consistency). A verifier needs only the hashes, never the log.
 */
public final class MerkleProofs {

    private MerkleProofs() {}

    /**
     * Checks that the leaf with hash {@code leafHash} is leaf {@code leafIndex} of the tree of
     * {@code treeSize} leaves whose root is {@code rootHash}.
     *
     * @throws InvalidProofException saying which check failed
     */
    public static void verifyInclusion(long leafIndex, long treeSize, byte[] leafHash, List<byte[]> proof, byte[] rootHash) {
        if (leafIndex < 0 || leafIndex >= treeSize) {
            throw new InvalidProofException("leaf index " + leafIndex + " is not in a tree of " + treeSize + " leaves");
        }
        if (leafHash.length != MerkleTree.HASH_SIZE || rootHash.length != MerkleTree.HASH_SIZE) {
            // Two empty (or equally short) values would otherwise "match".
            throw new InvalidProofException("leaf and root hashes are SHA-256 values of " + MerkleTree.HASH_SIZE + " bytes");
        }
        MessageDigest sha = MerkleTree.newSha256();
        long fn = leafIndex;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                throw new InvalidProofException("the inclusion proof is longer than the path of leaf " + leafIndex
                        + " in a tree of " + treeSize + " leaves");
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = node(sha, p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                r = node(sha, r, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        if (sn != 0) {
            throw new InvalidProofException("the inclusion proof is shorter than the path of leaf " + leafIndex
                    + " in a tree of " + treeSize + " leaves");
        }
        if (!MessageDigest.isEqual(r, rootHash)) {
            throw new InvalidProofException("the inclusion proof of leaf " + leafIndex + " leads to another root than the tree head of size " + treeSize);
        }
    }

    /**
     * Checks that the tree of {@code size1} leaves with root {@code root1} is a prefix of the tree
     * of {@code size2} leaves with root {@code root2}.
     *
     * @throws InvalidProofException saying which check failed
     */
    public static void verifyConsistency(long size1, long size2, List<byte[]> proof, byte[] root1, byte[] root2) {
        if (size1 > size2) {
            throw new InvalidProofException("the first tree size " + size1 + " is larger than the second " + size2);
        }
        if (size1 <= 0) {
            // Every tree extends the empty tree: such a proof would prove nothing.
            throw new InvalidProofException("consistency with the empty tree proves nothing: the first tree size must be at least 1");
        }
        if (size1 == size2) {
            if (!proof.isEmpty()) {
                throw new InvalidProofException("a consistency proof between equal tree sizes must be empty");
            }
            if (!MessageDigest.isEqual(root1, root2)) {
                throw new InvalidProofException("trees of equal size " + size1 + " have different roots");
            }
            return;
        }
        if (proof.isEmpty()) {
            throw new InvalidProofException("the consistency proof from size " + size1 + " to " + size2 + " is empty");
        }
        MessageDigest sha = MerkleTree.newSha256();
        int start = 0;
        byte[] first;
        if (Long.bitCount(size1) == 1) {
            // The old tree is a complete subtree of the new one: its root is the proof's implicit first node.
            first = root1;
        } else {
            first = proof.get(0);
            start = 1;
        }
        long fn = size1 - 1;
        long sn = size2 - 1;
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        byte[] fr = first;
        byte[] sr = first;
        for (int i = start; i < proof.size(); i++) {
            byte[] c = proof.get(i);
            if (sn == 0) {
                throw new InvalidProofException("the consistency proof from size " + size1 + " to " + size2 + " is too long");
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = node(sha, c, fr);
                sr = node(sha, c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                sr = node(sha, sr, c);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        if (sn != 0) {
            throw new InvalidProofException("the consistency proof from size " + size1 + " to " + size2 + " is too short");
        }
        if (!MessageDigest.isEqual(fr, root1)) {
            throw new InvalidProofException("the consistency proof does not lead to the root of the tree of size " + size1);
        }
        if (!MessageDigest.isEqual(sr, root2)) {
            throw new InvalidProofException("the consistency proof does not lead to the root of the tree of size " + size2);
        }
    }

    private static byte[] node(MessageDigest sha, byte[] left, byte[] right) {
        sha.update((byte) 1);
        sha.update(left);
        sha.update(right);
        return sha.digest();
    }
}
