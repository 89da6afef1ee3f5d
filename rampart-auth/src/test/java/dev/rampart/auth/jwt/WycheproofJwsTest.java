package dev.rampart.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs Wycheproof's JSON Web Signature vectors (read from the shared checkout, never copied into
 * the repository) through {@link JwtVerifier#verifySignatureOnly}, the signature half of
 * {@link JwtVerifier#verify}: the vectors' payloads are not claims sets.
 *
 * <p>Each group becomes one trusted issuer with the group's public key (or, for HMAC groups, its
 * secret) and an allowlist holding the key's {@code alg} (RS256/ES256 for keys without one).
 * Every {@code invalid} vector must be rejected, except those byte-identical to a {@code valid}
 * vector of the same group (the file has two: tcId 367 and 370), which are reported. A {@code valid} vector may be rejected only by a
 * deliberate policy of ours, never as a bad signature: counts are printed.
 */
class WycheproofJwsTest {

    private static final String FILE = "vectors/wycheproof/testvectors_v1/json_web_signature_test.json";
    private static final String ISSUER = "wycheproof";

    @Test
    void rejectsEveryInvalidVectorAndVerifiesValidOnesWithinPolicy() throws Exception {
        Path file = locate();
        Assumptions.assumeTrue(file != null, "Wycheproof vectors not found under ../../shared or ../shared; skipped");
        Map<String, Object> root = JSONObjectUtils.parse(Files.readString(file, StandardCharsets.UTF_8));

        int invalidRejected = 0;
        int validVerified = 0;
        List<String> invalidAccepted = new ArrayList<>();
        List<String> contradictory = new ArrayList<>();
        List<String> validFailedSignature = new ArrayList<>();
        Map<String, Integer> invalidByReason = new TreeMap<>();
        Map<String, Integer> validSkippedByReason = new TreeMap<>();

        for (Object g : JSONObjectUtils.getJSONArray(root, "testGroups")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> group = (Map<String, Object>) g;
            JwtVerifier verifier = verifierFor(group);
            Set<Object> validTokens = new java.util.HashSet<>();
            for (Object t : JSONObjectUtils.getJSONArray(group, "tests")) {
                if ("valid".equals(asMap(t).get("result"))) {
                    validTokens.add(asMap(t).get("jws"));
                }
            }
            for (Object t : JSONObjectUtils.getJSONArray(group, "tests")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> test = (Map<String, Object>) t;
                Object jws = test.get("jws");
                String token = jws instanceof String s ? s : JSONObjectUtils.toJSONString(asMap(jws));
                String id = "tcId " + test.get("tcId") + " (" + test.get("comment") + ")";
                boolean valid = "valid".equals(test.get("result"));
                RejectionReason reason = null;
                try {
                    verifier.verifySignatureOnly(token, ISSUER);
                } catch (JwtRejectedException e) {
                    reason = e.reason();
                }
                if (valid) {
                    if (reason == null) {
                        validVerified++;
                    } else {
                        validSkippedByReason.merge(reason + " " + test.get("comment"), 1, Integer::sum);
                        if (reason == RejectionReason.BAD_SIGNATURE || reason == RejectionReason.UNKNOWN_KEY) {
                            validFailedSignature.add(id + ": " + reason);
                        }
                    }
                } else if (validTokens.contains(jws)) {
                    // The file has "invalid" vectors byte-identical to a "valid" one of the same group
                    // (the padding they were named for is absent): no verifier can satisfy both.
                    contradictory.add(id + (reason == null ? ": accepted" : ": rejected " + reason));
                } else if (reason == null) {
                    invalidAccepted.add(id);
                } else {
                    invalidRejected++;
                    invalidByReason.merge(reason.name(), 1, Integer::sum);
                }
            }
        }

        System.out.printf("Wycheproof JWS: invalid rejected %d (accepted %d); valid verified %d, valid not verified %d%n",
                invalidRejected, invalidAccepted.size(), validVerified,
                validSkippedByReason.values().stream().mapToInt(Integer::intValue).sum());
        System.out.println("  invalid by reason: " + invalidByReason);
        System.out.println("  invalid vectors identical to a valid vector (not counted): " + contradictory);
        System.out.println("  valid not verified, by reason and vector: " + validSkippedByReason);

        assertThat(invalidAccepted).as("invalid vectors that were accepted").isEmpty();
        assertThat(validFailedSignature).as("valid vectors whose signature did not verify").isEmpty();
        assertThat(validVerified).isGreaterThan(0);
    }

    private static JwtVerifier verifierFor(Map<String, Object> group) throws Exception {
        Map<String, Object> publicKey = asMap(group.get("public"));
        Map<String, Object> key = publicKey != null ? publicKey : asMap(group.get("private"));
        TrustedIssuer.Builder issuer = TrustedIssuer.builder(ISSUER).audiences(Set.of("any"));
        if ("oct".equals(key.get("kty"))) {
            issuer.hmacSecret(new Base64URL((String) key.get("k")).decode()).algorithms(Set.of(JWSAlgorithm.HS256));
        } else {
            JWK jwk = JWK.parse(key);
            // EC: the algorithm of the curve (the RFC 7520 P-521 key is labelled "ES521", a typo for ES512).
            JWSAlgorithm alg = jwk instanceof com.nimbusds.jose.jwk.ECKey ec
                    ? com.nimbusds.jose.jwk.Curve.P_521.equals(ec.getCurve()) ? JWSAlgorithm.ES512
                            : com.nimbusds.jose.jwk.Curve.P_384.equals(ec.getCurve()) ? JWSAlgorithm.ES384 : JWSAlgorithm.ES256
                    : jwk.getAlgorithm() != null ? JWSAlgorithm.parse(jwk.getAlgorithm().getName()) : JWSAlgorithm.RS256;
            issuer.staticKeys(new JWKSet(jwk)).algorithms(Set.of(alg));
        }
        return JwtVerifier.builder().issuer(issuer.build()).cacheSize(0).build();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    private static Path locate() {
        for (String base : List.of("../../shared", "../shared")) {
            Path p = Path.of(base).resolve(FILE);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }
}
