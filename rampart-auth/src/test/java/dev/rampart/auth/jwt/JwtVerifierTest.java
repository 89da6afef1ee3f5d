package dev.rampart.auth.jwt;

import static dev.rampart.auth.jwt.TestTokens.AUDIENCE;
import static dev.rampart.auth.jwt.TestTokens.HMAC_SECRET;
import static dev.rampart.auth.jwt.TestTokens.ISSUER;
import static dev.rampart.auth.jwt.TestTokens.NOW;
import static dev.rampart.auth.jwt.TestTokens.claims;
import static dev.rampart.auth.jwt.TestTokens.raw;
import static dev.rampart.auth.jwt.TestTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.rampart.core.Principal;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class JwtVerifierTest {

    private static final String HS_ISSUER = "https://hs.example.com";

    private static final ECKey ec = TestTokens.ecKey("ec-1");
    private static final RSAKey rsa = TestTokens.rsaKey("rsa-1");
    private static final OctetKeyPair ed = TestTokens.edKey("ed-1");
    private final TestTokens.MutableClock clock = new TestTokens.MutableClock(NOW);
    private final InMemoryRevocationList revocations = new InMemoryRevocationList(clock);

    private final JwtVerifier verifier = JwtVerifier.builder()
            .issuer(TrustedIssuer.builder(ISSUER)
                    .staticKeys(new JWKSet(List.of(ec, rsa, ed)))
                    .algorithms(Set.of(JWSAlgorithm.ES256, JWSAlgorithm.EdDSA, JWSAlgorithm.RS256, JWSAlgorithm.PS256))
                    .audiences(Set.of(AUDIENCE))
                    .requiredClaims(Set.of("sub"))
                    .claimMapping(ClaimMapping.builder()
                            .rolesClaim("realm_access.roles")
                            .attribute("tenant", "tid")
                            .attribute("groups", "groups")
                            .build())
                    .build())
            .issuer(TrustedIssuer.builder(HS_ISSUER)
                    .hmacSecret(HMAC_SECRET)
                    .algorithms(Set.of(JWSAlgorithm.HS256))
                    .audiences(Set.of(AUDIENCE))
                    .build())
            .clockSkew(Duration.ofSeconds(30))
            .revocations(revocations)
            .clock(clock)
            .build();

    @Test
    void acceptsEs256TokenAndMapsClaimsToPrincipal() throws Exception {
        String token = sign(ec, JWSAlgorithm.ES256, claims()
                .claim("realm_access", Map.of("roles", List.of("admin", "ops")))
                .claim("scope", "orders:read orders:write")
                .claim("tid", "acme")
                .claim("groups", List.of("g1", "g2"))
                .jwtID("t-1")
                .build());

        VerifiedToken verified = verifier.verify(token);

        assertThat(verified.issuer()).isEqualTo(ISSUER);
        assertThat(verified.jti()).contains("t-1");
        assertThat(verified.audiences()).containsExactly(AUDIENCE);
        Principal p = verified.principal();
        assertThat(p.id()).isEqualTo("alice");
        assertThat(p.type()).isEqualTo(Principal.Type.USER);
        assertThat(p.authenticator()).isEqualTo("jwt");
        assertThat(p.roles()).containsExactlyInAnyOrder("admin", "ops");
        assertThat(p.scopes()).containsExactlyInAnyOrder("orders:read", "orders:write");
        assertThat(p.attributes()).containsEntry("tenant", "acme").containsEntry("groups", List.of("g1", "g2"));
    }

    @Test
    void readsScopesFromScpArray() throws Exception {
        String token = sign(ec, JWSAlgorithm.ES256, claims().claim("scp", List.of("a", "b")).build());
        assertThat(verifier.verify(token).principal().scopes()).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void acceptsEdDsaRs256Ps256AndHs256Tokens() throws Exception {
        assertThat(verifier.verify(sign(ed, JWSAlgorithm.EdDSA, claims().build())).principal().id()).isEqualTo("alice");
        assertThat(verifier.verify(sign(rsa, JWSAlgorithm.RS256, claims().build())).issuer()).isEqualTo(ISSUER);
        assertThat(verifier.verify(sign(rsa, JWSAlgorithm.PS256, claims().build())).issuer()).isEqualTo(ISSUER);
        String hs = TestTokens.signHmac(HMAC_SECRET, claims().issuer(HS_ISSUER).build());
        assertThat(verifier.verify(hs).issuer()).isEqualTo(HS_ISSUER);
    }

    @Test
    void acceptsTokenExpiredWithinClockSkew() throws Exception {
        String token = sign(ec, JWSAlgorithm.ES256, claims().expirationTime(Date.from(NOW.minusSeconds(10))).build());
        assertThat(verifier.verify(token).principal().id()).isEqualTo("alice");
    }

    // ---- alg and key confusion ----

    @Test
    void rejectsAlgNoneInEveryLetterCase() {
        for (String none : List.of("none", "None", "NONE", "nOnE")) {
            String token = raw("{\"alg\":\"" + none + "\"}", claimsJson(), new byte[0]);
            assertRejected(() -> verifier.verify(token), RejectionReason.ALG_NONE);
        }
    }

    @Test
    void rejectsHs256TokenSignedWithTheRsaPublicKeyBytes() throws Exception {
        // The attacker knows the public key and uses its encoding as the HMAC secret.
        String token = TestTokens.signHmac(rsa.toRSAPublicKey().getEncoded(), claims().build());
        assertRejected(() -> verifier.verify(token), RejectionReason.KEY_CONFUSION);
    }

    @Test
    void rejectsAlgorithmNotInTheAllowlist() {
        String token = sign(rsa, JWSAlgorithm.RS512, claims().build());
        assertRejected(() -> verifier.verify(token), RejectionReason.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void rejectsAsymmetricTokenForAnHmacOnlyIssuer() {
        String token = sign(ec, JWSAlgorithm.ES256, claims().issuer(HS_ISSUER).build());
        assertRejected(() -> verifier.verify(token), RejectionReason.ALGORITHM_NOT_ALLOWED);
    }

    // ---- header attacks ----

    @Test
    void rejectsEmbeddedJwkHeaderEvenWhenItIsTheIssuersKey() {
        ECKey attacker = TestTokens.ecKey("ec-1");
        String token = sign(attacker, new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID("ec-1").jwk(attacker.toPublicJWK()).build(), claims().build());
        assertRejected(() -> verifier.verify(token), RejectionReason.EMBEDDED_KEY);
    }

    @Test
    void rejectsX5cHeader() {
        String token = raw("{\"alg\":\"ES256\",\"x5c\":[\"MIIB\"]}", claimsJson(), new byte[64]);
        assertRejected(() -> verifier.verify(token), RejectionReason.EMBEDDED_KEY);
    }

    @Test
    void rejectsJkuHeaderWhenNoKeyUrlIsAllowed() {
        String token = sign(ec, new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-1")
                .jwkURL(URI.create("https://attacker.example/jwks.json")).build(), claims().build());
        assertRejected(() -> verifier.verify(token), RejectionReason.KEY_URL_NOT_ALLOWED);
    }

    @Test
    void rejectsX5uHeaderWhenNoKeyUrlIsAllowed() {
        String token = sign(ec, new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-1")
                .x509CertURL(URI.create("https://attacker.example/cert.pem")).build(), claims().build());
        assertRejected(() -> verifier.verify(token), RejectionReason.KEY_URL_NOT_ALLOWED);
    }

    @Test
    void toleratesJkuHeaderOnTheIssuersAllowlistButStillUsesConfiguredKeys() throws Exception {
        URI jku = URI.create("https://id.example.com/jwks.json");
        JwtVerifier allowing = JwtVerifier.builder().clock(clock).issuer(TrustedIssuer.builder(ISSUER)
                        .staticKeys(new JWKSet(ec)).algorithms(Set.of(JWSAlgorithm.ES256))
                        .audiences(Set.of(AUDIENCE)).allowedKeyUrls(Set.of(jku)).build())
                .build();
        String good = sign(ec, new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-1").jwkURL(jku).build(), claims().build());
        assertThat(allowing.verify(good).principal().id()).isEqualTo("alice");
        ECKey attacker = TestTokens.ecKey("ec-1");
        String forged = sign(attacker, new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-1").jwkURL(jku).build(), claims().build());
        assertRejected(() -> allowing.verify(forged), RejectionReason.BAD_SIGNATURE);
    }

    @Test
    void rejectsKidWithPathSqlOrControlCharacters() {
        for (String kid : List.of("../../etc/passwd", "a/b", "x' OR '1'='1", "k;drop", "k\u0000", "k\\x", "", "k".repeat(129))) {
            String header = "{\"alg\":\"ES256\",\"kid\":" + com.nimbusds.jose.util.JSONStringUtils.toJSONString(kid) + "}";
            String token = raw(header, claimsJson(), new byte[64]);
            assertRejected(() -> verifier.verify(token), RejectionReason.INVALID_KID);
        }
    }

    @Test
    void rejectsNonStringKid() {
        String token = raw("{\"alg\":\"ES256\",\"kid\":7}", claimsJson(), new byte[64]);
        assertRejected(() -> verifier.verify(token), RejectionReason.INVALID_KID);
    }

    @Test
    void rejectsUnknownCriticalHeader() {
        String token = sign(ec, new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-1")
                .criticalParams(Set.of("urn:example:policy")).customParam("urn:example:policy", "x").build(),
                claims().build());
        assertRejected(() -> verifier.verify(token), RejectionReason.UNSUPPORTED_CRITICAL_HEADER);
    }

    // ---- signatures ----

    @Test
    void rejectsPsychicEcdsaSignatureInJoseForm() {
        // CVE-2022-21449: r = s = 0 as the 64-byte R || S of RFC 7518 §3.4.
        String token = raw("{\"alg\":\"ES256\",\"kid\":\"ec-1\"}", claimsJson(), new byte[64]);
        assertRejected(() -> verifier.verify(token), RejectionReason.PSYCHIC_SIGNATURE);
    }

    @Test
    void rejectsPsychicEcdsaSignatureInDerForm() {
        byte[] der = {0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00};
        String token = raw("{\"alg\":\"ES256\",\"kid\":\"ec-1\"}", claimsJson(), der);
        assertRejected(() -> verifier.verify(token), RejectionReason.PSYCHIC_SIGNATURE);
    }

    @Test
    void rejectsEcdsaSignatureWhoseSEqualsTheGroupOrder() {
        byte[] sig = new byte[64];
        sig[31] = 1;
        byte[] n = com.nimbusds.jose.jwk.Curve.P_256.toECParameterSpec().getOrder().toByteArray();
        System.arraycopy(n, n.length - 32, sig, 32, 32);
        String token = raw("{\"alg\":\"ES256\",\"kid\":\"ec-1\"}", claimsJson(), sig);
        assertRejected(() -> verifier.verify(token), RejectionReason.PSYCHIC_SIGNATURE);
    }

    @Test
    void rejectsTokenSignedByAnotherKeyWithTheSameKid() {
        String token = sign(TestTokens.ecKey("ec-1"), JWSAlgorithm.ES256, claims().build());
        assertRejected(() -> verifier.verify(token), RejectionReason.BAD_SIGNATURE);
    }

    @Test
    void rejectsTamperedPayload() {
        String token = sign(ec, JWSAlgorithm.ES256, claims().build());
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + Base64URL.encode(claimsJson().replace("alice", "admin")) + "." + parts[2];
        assertRejected(() -> verifier.verify(forged), RejectionReason.BAD_SIGNATURE);
    }

    @Test
    void rejectsUnknownKid() {
        String token = sign(TestTokens.ecKey("ec-9"), JWSAlgorithm.ES256, claims().build());
        assertRejected(() -> verifier.verify(token), RejectionReason.UNKNOWN_KEY);
    }

    // ---- size and structure ----

    @Test
    void rejectsTokenLargerThanMaxSizeBeforeParsing() {
        String huge = "x".repeat(JwtVerifier.DEFAULT_MAX_TOKEN_BYTES + 1);
        assertRejected(() -> verifier.verify(huge), RejectionReason.TOKEN_TOO_LARGE);
        String padded = sign(ec, JWSAlgorithm.ES256, claims().claim("pad", "p".repeat(9000)).build());
        assertRejected(() -> verifier.verify(padded), RejectionReason.TOKEN_TOO_LARGE);
    }

    @Test
    void rejectsMalformedTokens() {
        String good = sign(ec, JWSAlgorithm.ES256, claims().build());
        String[] p = good.split("\\.");
        List<String> malformed = List.of(
                "", "abc", "a.b", p[0] + "." + p[1], good + ".", good + ".x", p[0] + "." + p[1] + ".",
                "." + p[1] + "." + p[2], good.replace(".", ". "), p[0] + "=." + p[1] + "." + p[2],
                p[0] + "." + p[1] + "." + p[2] + "?",
                Base64URL.encode("not json") + "." + p[1] + "." + p[2],
                p[0] + "." + Base64URL.encode("not json") + "." + p[2],
                p[0] + "." + Base64URL.encode("{\"exp\":\"tomorrow\"}") + "." + p[2],
                "{\"payload\":\"e30\",\"signatures\":[]}");
        for (String token : malformed) {
            assertRejected(() -> verifier.verify(token), RejectionReason.MALFORMED);
        }
        assertRejected(() -> verifier.verify(null), RejectionReason.MALFORMED);
    }

    @Test
    void rejectsNonCanonicalBase64UrlSignature() {
        String token = sign(rsa, JWSAlgorithm.RS256, claims().build());
        // Flip the unused low bits of the last character: decodes to the same bytes, but is not the canonical encoding.
        char last = token.charAt(token.length() - 1);
        int index = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".indexOf(last);
        char sibling = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".charAt(index ^ 1);
        String forged = token.substring(0, token.length() - 1) + sibling;
        assertRejected(() -> verifier.verify(forged), RejectionReason.MALFORMED);
    }

    // ---- claims ----

    @Test
    void rejectsExpiredToken() {
        String token = sign(ec, JWSAlgorithm.ES256, claims().expirationTime(Date.from(NOW.minusSeconds(31))).build());
        assertRejected(() -> verifier.verify(token), RejectionReason.EXPIRED);
    }

    @Test
    void rejectsTokenWithoutExp() {
        String token = sign(ec, JWSAlgorithm.ES256, claims().expirationTime(null).build());
        assertRejected(() -> verifier.verify(token), RejectionReason.MISSING_CLAIM);
    }

    @Test
    void rejectsTokenNotYetValid() {
        String token = sign(ec, JWSAlgorithm.ES256, claims().notBeforeTime(Date.from(NOW.plusSeconds(31))).build());
        assertRejected(() -> verifier.verify(token), RejectionReason.NOT_YET_VALID);
    }

    @Test
    void rejectsTokenIssuedInTheFuture() {
        String token = sign(ec, JWSAlgorithm.ES256, claims().issueTime(Date.from(NOW.plusSeconds(31))).build());
        assertRejected(() -> verifier.verify(token), RejectionReason.ISSUED_IN_FUTURE);
    }

    @Test
    void rejectsWrongAudience() {
        String token = sign(ec, JWSAlgorithm.ES256, claims().audience(List.of("billing-api", "other")).build());
        assertRejected(() -> verifier.verify(token), RejectionReason.AUDIENCE_MISMATCH);
        String noAud = sign(ec, JWSAlgorithm.ES256, claims().audience((String) null).build());
        assertRejected(() -> verifier.verify(noAud), RejectionReason.AUDIENCE_MISMATCH);
    }

    @Test
    void rejectsWrongOrMissingIssuer() {
        String wrong = sign(ec, JWSAlgorithm.ES256, claims().issuer("https://evil.example.com").build());
        assertRejected(() -> verifier.verify(wrong), RejectionReason.UNKNOWN_ISSUER);
        String missing = sign(ec, JWSAlgorithm.ES256, claims().issuer(null).build());
        assertRejected(() -> verifier.verify(missing), RejectionReason.UNKNOWN_ISSUER);
    }

    @Test
    void rejectsTokenMissingARequiredClaim() {
        String token = sign(ec, JWSAlgorithm.ES256, claims().subject(null).build());
        assertRejected(() -> verifier.verify(token), RejectionReason.MISSING_CLAIM);
    }

    @Test
    void rejectsRevokedJti() throws Exception {
        String token = sign(ec, JWSAlgorithm.ES256, claims().jwtID("t-42").build());
        revocations.revoke("t-42", NOW.plus(Duration.ofMinutes(10)));
        assertRejected(() -> verifier.verify(token), RejectionReason.REVOKED);
    }

    @Test
    void ignoresTypHeader() throws Exception {
        String token = sign(ec, new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-1").type(JOSEObjectType.JWT).build(), claims().build());
        assertThat(verifier.verify(token).principal().id()).isEqualTo("alice");
    }

    @Test
    void rejectionMessageNeverContainsTheToken() {
        String token = sign(ec, JWSAlgorithm.ES256, claims().audience("nope").build());
        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOf(JwtRejectedException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(token.split("\\.")[1]).doesNotContain(token.split("\\.")[2]));
    }

    private static String claimsJson() {
        long exp = NOW.plus(Duration.ofMinutes(10)).getEpochSecond();
        return "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"alice\",\"exp\":" + exp + "}";
    }

    static void assertRejected(ThrowingCallable call, RejectionReason reason) {
        assertThatThrownBy(call)
                .isInstanceOf(JwtRejectedException.class)
                .extracting(e -> ((JwtRejectedException) e).reason())
                .isEqualTo(reason);
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
