package dev.rampart.audit;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.signature.Ed25519PrivateKey;
import com.google.crypto.tink.signature.Ed25519PublicKey;
import com.google.crypto.tink.subtle.Ed25519Sign;
import com.google.crypto.tink.subtle.Ed25519Verify;
import com.google.crypto.tink.util.Bytes;
import com.google.crypto.tink.util.SecretBytes;
import com.nimbusds.jose.jwk.OctetKeyPair;
import dev.rampart.crypto.ArtifactSigning;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.List;

/**
 * Signs and verifies checkpoints with Ed25519 (Tink). Keys are the JWK files of
 * {@link ArtifactSigning} ({@code rampart signing-key FILE} makes one): the private key stays in
 * its owner-only file, verifiers hold the public JWK or a JWK Set.
 */
public final class CheckpointSigner {

    private final PublicKeySign signer;
    private final String keyId;

    private CheckpointSigner(OctetKeyPair key) {
        try {
            this.signer = Ed25519Sign.create(Ed25519PrivateKey.create(
                    Ed25519PublicKey.create(Bytes.copyFrom(key.getX().decode())),
                    SecretBytes.copyFrom(key.getD().decode(), InsecureSecretKeyAccess.get())));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the checkpoint signing key is not a valid Ed25519 key pair", e);
        }
        this.keyId = ArtifactSigning.fingerprint(key);
    }

    /** Reads the private key file, or creates it (owner-only) when it does not exist yet. */
    public static CheckpointSigner fromKeyFile(Path privateKeyFile) {
        if (!Files.exists(privateKeyFile)) {
            ArtifactSigning.generateKey(privateKeyFile);
        }
        return new CheckpointSigner(ArtifactSigning.readPrivateKey(privateKeyFile));
    }

    /** The thumbprint of the signing key. */
    public String keyId() {
        return keyId;
    }

    /** Signs the tree head. */
    public Checkpoint sign(long treeSize, byte[] rootHash, Instant time) {
        try {
            return new Checkpoint(treeSize, rootHash, time, keyId, signer.sign(Checkpoint.signedText(treeSize, rootHash, time)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /**
     * Checks a checkpoint's signature against trusted public keys.
     *
     * @throws InvalidProofException naming the checkpoint and the reason
     */
    public static void verify(Checkpoint checkpoint, List<OctetKeyPair> trusted) {
        for (OctetKeyPair key : trusted) {
            if (ArtifactSigning.fingerprint(key).equals(checkpoint.keyId())) {
                try {
                    Ed25519Verify.create(Ed25519PublicKey.create(Bytes.copyFrom(key.getX().decode())))
                            .verify(checkpoint.signature(), checkpoint.signedText());
                    return;
                } catch (GeneralSecurityException e) {
                    throw new InvalidProofException("checkpoint at tree size " + checkpoint.treeSize()
                            + ": the signature does not verify with key " + checkpoint.keyId()
                            + " (the checkpoint was altered)");
                }
            }
        }
        throw new InvalidProofException("checkpoint at tree size " + checkpoint.treeSize() + " is signed by key "
                + checkpoint.keyId() + ", which is not among the trusted keys");
    }
}
