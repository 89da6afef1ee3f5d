package dev.rampart.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * A signed tree head: the log had {@code treeSize} entries with root {@code rootHash} at {@code time}.
 *
 * @param keyId RFC 7638 thumbprint of the Ed25519 key that signed it
 * @param signature Ed25519 signature over {@link #signedText()}
 */
public record Checkpoint(long treeSize, byte[] rootHash, Instant time, String keyId, byte[] signature) {

    /**
     * The bytes signed, UTF-8:
     * <pre>
     * rampart-audit checkpoint v1
     * &lt;tree size, decimal&gt;
     * &lt;root hash, base64&gt;
     * &lt;time, epoch microseconds&gt;
     * </pre>
     * each line ending in a line feed. The first line keeps a checkpoint signature from being valid
     * for anything else signed with the same key.
     */
    public byte[] signedText() {
        return signedText(treeSize, rootHash, time);
    }

    static byte[] signedText(long treeSize, byte[] rootHash, Instant time) {
        String text = "rampart-audit checkpoint v1\n" + treeSize + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n"
                + AuditEntry.micros(time) + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
