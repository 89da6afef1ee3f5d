package dev.rampart.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.ConfigurationV0;
import com.google.crypto.tink.DeterministicAead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Mac;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.PublicKeyVerify;
import com.google.crypto.tink.StreamingAead;
import java.security.GeneralSecurityException;
import java.time.Instant;

/**
 * One version of a transit key, decrypted, with its Tink primitive built once (building is the
 * costly part; using it is thread-safe). Only the field for the key's type is set.
 */
final class KeyVersion {

    static {
        TinkRegistration.ensure();
    }

    final int version;
    final Instant createdAt;
    final KeysetHandle keyset;
    final Aead aead;
    final DeterministicAead deterministicAead;
    final Mac mac;
    final PublicKeySign signer;
    final PublicKeyVerify verifier;
    final StreamingAead streamingAead;

    KeyVersion(KeyType type, int version, Instant createdAt, KeysetHandle keyset) {
        this.version = version;
        this.createdAt = createdAt;
        this.keyset = keyset;
        try {
            var config = ConfigurationV0.get();
            boolean aeadType = type == KeyType.AES256_GCM || type == KeyType.CHACHA20_POLY1305;
            this.aead = aeadType ? keyset.getPrimitive(config, Aead.class) : null;
            this.deterministicAead = type == KeyType.AES256_SIV ? keyset.getPrimitive(config, DeterministicAead.class) : null;
            this.mac = type == KeyType.HMAC ? keyset.getPrimitive(config, Mac.class) : null;
            boolean signing = type.use() == KeyType.Use.SIGNING;
            this.signer = signing ? keyset.getPrimitive(config, PublicKeySign.class) : null;
            this.verifier = signing ? keyset.getPublicKeysetHandle().getPrimitive(config, PublicKeyVerify.class) : null;
            this.streamingAead = type == KeyType.AES256_GCM_HKDF_1MB ? keyset.getPrimitive(config, StreamingAead.class) : null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the " + type.id() + " primitive of version " + version, e);
        }
    }

    static KeysetHandle generate(KeyType type) {
        try {
            return KeysetHandle.generateNew(type.tinkParameters());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + type.id() + " key", e);
        }
    }
}
