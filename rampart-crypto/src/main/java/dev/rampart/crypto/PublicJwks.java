package dev.rampart.crypto;

import com.google.crypto.tink.Key;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.signature.EcdsaPublicKey;
import com.google.crypto.tink.signature.Ed25519PublicKey;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import java.math.BigInteger;
import java.security.GeneralSecurityException;

/** Public halves of Tink signing keys as JWKs (RFC 7517, RFC 8037 for Ed25519) with RFC 7638 thumbprints. */
final class PublicJwks {

    private PublicJwks() {}

    static JWK of(KeysetHandle privateKeyset, String keyId) {
        try {
            Key key = privateKeyset.getPublicKeysetHandle().getPrimary().getKey();
            if (key instanceof Ed25519PublicKey ed) {
                return ed25519(ed.getPublicKeyBytes().toByteArray(), keyId);
            }
            if (key instanceof EcdsaPublicKey ec) {
                return new ECKey.Builder(Curve.P_256, Base64URL.encode(unsigned32(ec.getPublicPoint().getAffineX())),
                        Base64URL.encode(unsigned32(ec.getPublicPoint().getAffineY())))
                        .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).keyID(keyId).build();
            }
            throw new CryptoException(CryptoException.Reason.UNSUPPORTED_OPERATION,
                    "only ed25519 and ecdsa-p256 keys have public keys");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the public key of " + keyId, e);
        }
    }

    static OctetKeyPair ed25519(byte[] publicKey, String keyId) {
        return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(publicKey))
                .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.EdDSA).keyID(keyId).build();
    }

    /** RFC 7638 thumbprint, SHA-256, base64url: the fingerprint operators compare. */
    static String fingerprint(JWK jwk) {
        try {
            return jwk.computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    private static byte[] unsigned32(BigInteger value) {
        // a P-256 coordinate is below 2^256; toByteArray may add a sign byte or drop leading zeros
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - copy, out, 32 - copy, copy);
        return out;
    }
}
