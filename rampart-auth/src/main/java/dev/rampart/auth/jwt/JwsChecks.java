package dev.rampart.auth.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;

/**
 * The signature half of verification, shared by {@link JwtVerifier} and the Wycheproof test:
 * {@link #parse} checks the structure and the header before anything depends on it;
 * {@link #verifySignature} checks the header against an issuer's policy, selects the key and
 * verifies. JOSE parsing, key matching and the signature math are Nimbus's; this class decides
 * what is allowed to reach them.
 */
final class JwsChecks {

    /** RFC 7515 §4.1.4 allows any string; lookups by kid (files, SQL) make anything else dangerous. */
    private static final Pattern SAFE_KID = Pattern.compile("[A-Za-z0-9._-]{1,128}");


    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();
    private static final Base64.Encoder BASE64URL_NO_PADDING = Base64.getUrlEncoder().withoutPadding();

    private JwsChecks() {}

    /**
     * Checks the compact serialization (RFC 7515 §7.1) and the issuer-independent header rules.
     * The caller has already checked the size.
     */
    static JWSObject parse(String token) throws JwtRejectedException {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw malformed("not three dot-separated parts");
        }
        for (String part : parts) {
            requireCanonicalBase64Url(part);
        }
        if (parts[0].isEmpty()) {
            throw malformed("empty header");
        }
        Map<String, Object> header;
        try {
            header = JSONObjectUtils.parse(new String(BASE64URL.decode(parts[0]), StandardCharsets.UTF_8));
        } catch (ParseException | IllegalArgumentException e) {
            throw malformed("header is not a JSON object");
        }
        if (!(header.get("alg") instanceof String alg)) {
            throw malformed("header has no alg string");
        }
        // RFC 8725 §2.1: "none" must not be accepted when a signature is expected; compare in any case ("None", "NONE").
        if (alg.trim().equalsIgnoreCase("none")) {
            throw new JwtRejectedException(RejectionReason.ALG_NONE, "alg none is never accepted");
        }
        // RFC 7515 §4.1.3/§4.1.6: a key carried by the token proves nothing about who signed it.
        if (header.containsKey("jwk") || header.containsKey("x5c")) {
            throw new JwtRejectedException(RejectionReason.EMBEDDED_KEY, "header carries its own key (jwk/x5c)");
        }
        if (header.containsKey("kid")) {
            if (!(header.get("kid") instanceof String kid) || !SAFE_KID.matcher(kid).matches()) {
                throw new JwtRejectedException(
                        RejectionReason.INVALID_KID, "kid must match [A-Za-z0-9._-]{1,128}");
            }
        }
        // RFC 7515 §4.1.11: a recipient that does not understand a listed extension must reject; we understand none.
        if (header.containsKey("crit")) {
            throw new JwtRejectedException(
                    RejectionReason.UNSUPPORTED_CRITICAL_HEADER, "crit header lists an unsupported extension");
        }
        if (parts[2].isEmpty()) {
            throw malformed("missing signature");
        }
        try {
            return new JWSObject(new Base64URL(parts[0]), new Base64URL(parts[1]), new Base64URL(parts[2]));
        } catch (ParseException e) {
            throw malformed("header is not a valid JWS header");
        }
    }

    /**
     * Checks the header against {@code issuer}'s policy and verifies the signature with one of
     * its keys. May block when {@code keys} must fetch.
     */
    static void verifySignature(JWSObject jws, TrustedIssuer issuer, KeySource keys, Instant now,
            Map<JWK, JWSVerifier> verifiers) throws JwtRejectedException {
        JWSHeader header = jws.getHeader();
        JWSAlgorithm alg = header.getAlgorithm();
        requireAllowedKeyUrl(header.getJWKURL(), issuer);
        requireAllowedKeyUrl(header.getX509CertURL(), issuer);
        if (JWSAlgorithm.Family.HMAC_SHA.contains(alg) && !issuer.hasHmacSecret()) {
            // RS/HS confusion (CVE-2015-9235 and kin): the public key must never become an HMAC secret.
            throw new JwtRejectedException(
                    RejectionReason.KEY_CONFUSION, "HMAC alg " + alg + " for an issuer without a shared secret");
        }
        if (!issuer.algorithms().contains(alg)) {
            throw new JwtRejectedException(
                    RejectionReason.ALGORITHM_NOT_ALLOWED, "alg " + printable(alg.getName()) + " is not allowed");
        }
        byte[] signature = jws.getSignature().decode();
        if (JWSAlgorithm.Family.EC.contains(alg)) {
            requireEcdsaSignatureInRange(alg, signature);
        }
        if (JWSAlgorithm.Family.HMAC_SHA.contains(alg)) {
            try {
                if (jws.verify(new MACVerifier(issuer.hmacSecret()))) {
                    return;
                }
            } catch (JOSEException e) {
                throw new JwtRejectedException(RejectionReason.BAD_SIGNATURE, "HMAC verification failed");
            }
            throw new JwtRejectedException(RejectionReason.BAD_SIGNATURE, "signature does not verify");
        }
        List<JWK> candidates = keys.select(JWKMatcher.forJWSHeader(header), now);
        if (candidates.isEmpty()) {
            throw new JwtRejectedException(RejectionReason.UNKNOWN_KEY, "no key of the issuer matches kid and alg");
        }
        for (JWK key : candidates) {
            JWSVerifier verifier = verifiers.computeIfAbsent(key, JwsChecks::verifierFor);
            if (verifier == NO_VERIFIER) {
                continue;
            }
            try {
                if (jws.verify(verifier)) {
                    return;
                }
            } catch (JOSEException | IllegalStateException e) {
                // A key that cannot verify this alg is just not a match.
            }
        }
        throw new JwtRejectedException(RejectionReason.BAD_SIGNATURE, "signature does not verify");
    }

    /** A fresh verifier cache, bounded by the caller. */
    static Map<JWK, JWSVerifier> newVerifierCache() {
        return new ConcurrentHashMap<>();
    }

    private static final JWSVerifier NO_VERIFIER = new JWSVerifier() {
        @Override
        public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) {
            return false;
        }

        @Override
        public java.util.Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return java.util.Set.of();
        }

        @Override
        public com.nimbusds.jose.jca.JCAContext getJCAContext() {
            return new com.nimbusds.jose.jca.JCAContext();
        }
    };

    private static JWSVerifier verifierFor(JWK key) {
        try {
            if (key instanceof RSAKey rsa) {
                RSASSAVerifier verifier = new RSASSAVerifier(rsa);
                verifier.getJCAContext().setProvider(SignatureProviders.forVerification());
                return verifier;
            }
            if (key instanceof ECKey ec) {
                ECDSAVerifier verifier = new ECDSAVerifier(ec);
                verifier.getJCAContext().setProvider(SignatureProviders.forVerification());
                return verifier;
            }
            if (key instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
                return new Ed25519Verifier(okp.toPublicJWK());
            }
        } catch (JOSEException e) {
            return NO_VERIFIER;
        }
        return NO_VERIFIER;
    }

    /**
     * CVE-2022-21449 ("psychic signatures"): Java 15–18 accepted r = s = 0 for any message. A JWS
     * ECDSA signature is the fixed-length R || S (RFC 7518 §3.4); r and s must lie in [1, n-1].
     * A DER-encoded signature is not JOSE and is rejected too, as psychic when its r or s is out
     * of range, else as a bad signature.
     */
    private static void requireEcdsaSignatureInRange(JWSAlgorithm alg, byte[] signature)
            throws JwtRejectedException {
        Curve curve = Curve.forJWSAlgorithm(alg).iterator().next();
        BigInteger n = curve.toECParameterSpec().getOrder();
        int half = (n.bitLength() + 7) / 8;
        BigInteger r;
        BigInteger s;
        if (signature.length == 2 * half) {
            r = new BigInteger(1, java.util.Arrays.copyOfRange(signature, 0, half));
            s = new BigInteger(1, java.util.Arrays.copyOfRange(signature, half, signature.length));
        } else {
            BigInteger[] der = derIntegers(signature);
            if (der == null) {
                throw new JwtRejectedException(
                        RejectionReason.BAD_SIGNATURE, "ECDSA signature is not " + 2 * half + " bytes");
            }
            r = der[0];
            s = der[1];
            if (inRange(r, n) && inRange(s, n)) {
                throw new JwtRejectedException(
                        RejectionReason.BAD_SIGNATURE, "ECDSA signature is DER, not the JOSE R||S form");
            }
        }
        if (!inRange(r, n) || !inRange(s, n)) {
            throw new JwtRejectedException(
                    RejectionReason.PSYCHIC_SIGNATURE, "ECDSA r or s is outside [1, n-1] (CVE-2022-21449)");
        }
    }

    private static boolean inRange(BigInteger v, BigInteger n) {
        return v.signum() > 0 && v.compareTo(n) < 0;
    }

    private static BigInteger[] derIntegers(byte[] signature) {
        try {
            ASN1Sequence seq = ASN1Sequence.getInstance(signature);
            if (seq.size() != 2) {
                return null;
            }
            return new BigInteger[] {
                ASN1Integer.getInstance(seq.getObjectAt(0)).getValue(),
                ASN1Integer.getInstance(seq.getObjectAt(1)).getValue()
            };
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void requireAllowedKeyUrl(URI url, TrustedIssuer issuer) throws JwtRejectedException {
        // jku/x5u make the verifier fetch keys from where the attacker says (RFC 8725 §3.10: SSRF, key injection).
        if (url != null && !issuer.allowedKeyUrls().contains(url)) {
            throw new JwtRejectedException(
                    RejectionReason.KEY_URL_NOT_ALLOWED, "jku/x5u header is not on the issuer's allowlist");
        }
    }

    /**
     * RFC 7515 §2: base64url without padding. The JDK decoder rejects foreign characters;
     * re-encoding must give the input back, so non-zero trailing bits and impossible lengths fail.
     */
    private static void requireCanonicalBase64Url(String part) throws JwtRejectedException {
        byte[] decoded;
        try {
            decoded = BASE64URL.decode(part);
        } catch (IllegalArgumentException e) {
            throw malformed("not base64url");
        }
        if (part.indexOf('=') >= 0 || !BASE64URL_NO_PADDING.encodeToString(decoded).equals(part)) {
            throw malformed("not canonical unpadded base64url");
        }
    }

    private static String printable(String s) {
        String cut = s.length() > 16 ? s.substring(0, 16) : s;
        return cut.replaceAll("[^A-Za-z0-9._-]", "?");
    }

    private static JwtRejectedException malformed(String why) {
        return new JwtRejectedException(RejectionReason.MALFORMED, why);
    }
}
