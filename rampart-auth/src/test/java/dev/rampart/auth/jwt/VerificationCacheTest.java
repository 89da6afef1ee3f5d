package dev.rampart.auth.jwt;

import static dev.rampart.auth.jwt.JwtVerifierTest.assertRejected;
import static dev.rampart.auth.jwt.TestTokens.AUDIENCE;
import static dev.rampart.auth.jwt.TestTokens.ISSUER;
import static dev.rampart.auth.jwt.TestTokens.NOW;
import static dev.rampart.auth.jwt.TestTokens.claims;
import static dev.rampart.auth.jwt.TestTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import java.time.Duration;
import java.util.Date;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VerificationCacheTest {

    private static final ECKey KEY = TestTokens.ecKey("ec-1");

    private final TestTokens.MutableClock clock = new TestTokens.MutableClock(NOW);
    private final InMemoryRevocationList revocations = new InMemoryRevocationList(clock);

    private JwtVerifier verifier(int cacheSize) {
        return JwtVerifier.builder()
                .issuer(TrustedIssuer.builder(ISSUER).staticKeys(new JWKSet(KEY))
                        .algorithms(Set.of(JWSAlgorithm.ES256)).audiences(Set.of(AUDIENCE)).build())
                .revocations(revocations)
                .cacheSize(cacheSize)
                .maxCacheAge(Duration.ofMinutes(5))
                .clock(clock)
                .build();
    }

    @Test
    void servesAHotTokenFromTheCacheWithoutVerifyingAgain() throws Exception {
        JwtVerifier verifier = verifier(100);
        String token = sign(KEY, JWSAlgorithm.ES256, claims().build());
        VerifiedToken first = verifier.verify(token);
        assertThat(verifier.verify(token)).isSameAs(first);
    }

    @Test
    void verifiesEveryTimeWhenTheCacheIsOff() throws Exception {
        JwtVerifier verifier = verifier(0);
        String token = sign(KEY, JWSAlgorithm.ES256, claims().build());
        assertThat(verifier.verify(token)).isNotSameAs(verifier.verify(token)).isEqualTo(verifier.verify(token));
    }

    @Test
    void checksRevocationOnEveryCacheHit() throws Exception {
        JwtVerifier verifier = verifier(100);
        String token = sign(KEY, JWSAlgorithm.ES256, claims().jwtID("t-1").build());
        verifier.verify(token);
        revocations.revoke("t-1", NOW.plus(Duration.ofMinutes(10)));
        assertRejected(() -> verifier.verify(token), RejectionReason.REVOKED);
    }

    @Test
    void neverServesAnEntryPastTheTokensExp() throws Exception {
        JwtVerifier verifier = verifier(100);
        String token = sign(KEY, JWSAlgorithm.ES256, claims().expirationTime(Date.from(NOW.plusSeconds(60))).build());
        VerifiedToken first = verifier.verify(token);

        clock.advance(Duration.ofSeconds(61)); // past exp, still within the 30 s skew: verified afresh
        VerifiedToken again = verifier.verify(token);
        assertThat(again).isNotSameAs(first);

        clock.advance(Duration.ofSeconds(30));
        assertRejected(() -> verifier.verify(token), RejectionReason.EXPIRED);
    }

    @Test
    void neverServesAnEntryOlderThanMaxCacheAge() throws Exception {
        JwtVerifier verifier = verifier(100);
        String token = sign(KEY, JWSAlgorithm.ES256, claims().expirationTime(Date.from(NOW.plus(Duration.ofHours(1)))).build());
        VerifiedToken first = verifier.verify(token);
        clock.advance(Duration.ofMinutes(4));
        assertThat(verifier.verify(token)).isSameAs(first);
        clock.advance(Duration.ofMinutes(2));
        assertThat(verifier.verify(token)).isNotSameAs(first);
    }

    @Test
    void aRejectedTokenIsNotCached() {
        JwtVerifier verifier = verifier(100);
        String token = sign(KEY, JWSAlgorithm.ES256, claims().audience("other").build());
        assertRejected(() -> verifier.verify(token), RejectionReason.AUDIENCE_MISMATCH);
        assertRejected(() -> verifier.verify(token), RejectionReason.AUDIENCE_MISMATCH);
    }
}
