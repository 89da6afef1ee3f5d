package dev.rampart.crypto;

import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.aead.XChaCha20Poly1305Parameters;
import com.google.crypto.tink.daead.AesSivParameters;
import com.google.crypto.tink.mac.HmacParameters;
import com.google.crypto.tink.signature.EcdsaParameters;
import com.google.crypto.tink.signature.Ed25519Parameters;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The kinds of transit key, by the name used in the API and CLI. Every key is a Tink key without
 * Tink's 5-byte output prefix: Rampart's {@code rampart:v<N>:} prefix says which version to use.
 */
public enum KeyType {
    /** AES-256-GCM, 96-bit random nonce (Tink AesGcm). */
    AES256_GCM("aes256-gcm", Use.ENCRYPTION),
    /**
     * XChaCha20-Poly1305 (Tink): the 192-bit nonce makes random nonces safe for any number of
     * messages, which plain ChaCha20-Poly1305's 96-bit nonce does not under one key.
     */
    CHACHA20_POLY1305("chacha20-poly1305", Use.ENCRYPTION),
    /** AES-SIV (RFC 5297), deterministic: equal plaintexts give equal ciphertexts, for lookups. */
    AES256_SIV("aes256-siv", Use.ENCRYPTION),
    /** HMAC-SHA256 with a 256-bit key and full 32-byte tags. */
    HMAC("hmac", Use.MAC),
    /** Ed25519 signatures (RFC 8032). */
    ED25519("ed25519", Use.SIGNING),
    /** ECDSA over P-256 with SHA-256, signatures as r||s (IEEE P1363, as JOSE ES256 uses). */
    ECDSA_P256("ecdsa-p256", Use.SIGNING),
    /** Streaming AEAD for files: AES-256-GCM-HKDF with 1 MiB segments (Tink). */
    AES256_GCM_HKDF_1MB("aes256-gcm-hkdf-1mb", Use.STREAMING);

    /** What a key type can do. */
    public enum Use {
        ENCRYPTION,
        MAC,
        SIGNING,
        STREAMING
    }

    private final String id;
    private final Use use;

    KeyType(String id, Use use) {
        this.id = id;
        this.use = use;
    }

    /** The name used in the API, e.g. {@code aes256-gcm}. */
    public String id() {
        return id;
    }

    public Use use() {
        return use;
    }

    /** Whether ciphertexts of this type are deterministic (AES-SIV). */
    public boolean deterministic() {
        return this == AES256_SIV;
    }

    /** The type named {@code id}, e.g. {@code ed25519}. */
    public static KeyType of(String id) {
        for (KeyType type : values()) {
            if (type.id.equals(id == null ? null : id.toLowerCase(Locale.ROOT))) {
                return type;
            }
        }
        throw new CryptoException(CryptoException.Reason.INVALID_INPUT, "unknown key type '" + id + "'; allowed: "
                + Arrays.stream(values()).map(KeyType::id).collect(Collectors.joining(", ")));
    }

    Parameters tinkParameters() {
        try {
            return switch (this) {
                case AES256_GCM -> AesGcmParameters.builder().setKeySizeBytes(32).setIvSizeBytes(12).setTagSizeBytes(16)
                        .setVariant(AesGcmParameters.Variant.NO_PREFIX).build();
                case CHACHA20_POLY1305 -> XChaCha20Poly1305Parameters.create(XChaCha20Poly1305Parameters.Variant.NO_PREFIX);
                case AES256_SIV -> AesSivParameters.builder().setKeySizeBytes(64)
                        .setVariant(AesSivParameters.Variant.NO_PREFIX).build();
                case HMAC -> HmacParameters.builder().setKeySizeBytes(32).setTagSizeBytes(32)
                        .setHashType(HmacParameters.HashType.SHA256).setVariant(HmacParameters.Variant.NO_PREFIX).build();
                case ED25519 -> Ed25519Parameters.create(Ed25519Parameters.Variant.NO_PREFIX);
                case ECDSA_P256 -> EcdsaParameters.builder().setCurveType(EcdsaParameters.CurveType.NIST_P256)
                        .setHashType(EcdsaParameters.HashType.SHA256)
                        .setSignatureEncoding(EcdsaParameters.SignatureEncoding.IEEE_P1363)
                        .setVariant(EcdsaParameters.Variant.NO_PREFIX).build();
                case AES256_GCM_HKDF_1MB -> PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB;
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink rejected the parameters of " + id, e);
        }
    }
}
