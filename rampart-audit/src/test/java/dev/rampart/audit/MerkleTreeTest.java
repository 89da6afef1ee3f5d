package dev.rampart.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {

    /** RFC 6962 MTH written straight from section 2.1, as the reference for the cached tree. */
    private static byte[] referenceRoot(List<byte[]> leafHashes, int lo, int hi) {
        if (hi - lo == 1) {
            return leafHashes.get(lo);
        }
        int k = Integer.highestOneBit(hi - lo - 1);
        return MerkleTree.nodeHash(referenceRoot(leafHashes, lo, lo + k), referenceRoot(leafHashes, lo + k, hi));
    }

    @Test
    void treeHeadsMatchTheRfcDefinitionForEveryPrefix() {
        MerkleTree tree = new MerkleTree();
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            byte[] h = MerkleTree.leafHash(("entry " + i).getBytes(StandardCharsets.UTF_8));
            leaves.add(h);
            tree.append(h);
        }
        assertThat(tree.rootHash(0)).isEqualTo(MerkleTree.emptyRoot());
        for (int n = 1; n <= 70; n++) {
            assertThat(tree.rootHash(n)).as("root of %d leaves", n).isEqualTo(referenceRoot(leaves, 0, n));
        }
    }

    @Test
    void generatedInclusionAndConsistencyProofsVerify() {
        MerkleTree tree = treeOf(40);
        for (long n = 1; n <= 40; n++) {
            for (long i = 0; i < n; i++) {
                MerkleProofs.verifyInclusion(i, n, tree.leafHashAt(i), tree.inclusionProof(i, n), tree.rootHash(n));
            }
            for (long m = 1; m <= n; m++) {
                MerkleProofs.verifyConsistency(m, n, tree.consistencyProof(m, n), tree.rootHash(m), tree.rootHash(n));
            }
        }
    }

    @Test
    void rfc6962KnownAnswerForEmptyTreeAndOneLeaf() {
        // SHA-256 of no bytes, and of 0x00 alone (the leaf hash of an empty entry).
        assertThat(HexFormat.of().formatHex(MerkleTree.emptyRoot()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(HexFormat.of().formatHex(MerkleTree.leafHash(new byte[0])))
                .isEqualTo("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
    }

    @Test
    void proofOfAnotherLeafDoesNotVerify() {
        MerkleTree tree = treeOf(7);
        assertThatThrownBy(() -> MerkleProofs.verifyInclusion(3, 7, tree.leafHashAt(4), tree.inclusionProof(3, 7), tree.rootHash(7)))
                .isInstanceOf(InvalidProofException.class).hasMessageContaining("another root");
    }

    @Test
    void refusesProofsOutsideTheTree() {
        MerkleTree tree = treeOf(5);
        assertThatThrownBy(() -> tree.inclusionProof(5, 5)).hasMessage("leaf index 5 is outside the tree: allowed 0..4");
        assertThatThrownBy(() -> tree.consistencyProof(2, 6)).hasMessage("second tree size 6 is outside the tree: allowed 1..5");
    }

    static MerkleTree treeOf(int n) {
        MerkleTree tree = new MerkleTree();
        for (int i = 0; i < n; i++) {
            tree.append(MerkleTree.leafHash(new byte[] {(byte) i}));
        }
        return tree;
    }
}
