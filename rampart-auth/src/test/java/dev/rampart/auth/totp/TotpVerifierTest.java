package dev.rampart.auth.totp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TotpVerifierTest {

    private static final Instant NOW = Instant.ofEpochSecond(1_111_111_111L);
    private final TotpSecret secret = TotpSecret.generate(TotpAlgorithm.SHA1);

    /** RFC 6238 Appendix B: 8 digits, 30 s steps, seeds "1234567890" repeated to 20, 32 and 64 bytes. */
    @ParameterizedTest(name = "{1} at {0}")
    @CsvSource({
        "59,          SHA1,   94287082",
        "59,          SHA256, 46119246",
        "59,          SHA512, 90693936",
        "1111111109,  SHA1,   07081804",
        "1111111109,  SHA256, 68084774",
        "1111111109,  SHA512, 25091201",
        "1111111111,  SHA1,   14050471",
        "1111111111,  SHA256, 67062674",
        "1111111111,  SHA512, 99943326",
        "1234567890,  SHA1,   89005924",
        "1234567890,  SHA256, 91819424",
        "1234567890,  SHA512, 93441116",
        "2000000000,  SHA1,   69279037",
        "2000000000,  SHA256, 90698825",
        "2000000000,  SHA512, 38618901",
        "20000000000, SHA1,   65353130",
        "20000000000, SHA256, 77737706",
        "20000000000, SHA512, 47863826",
    })
    void matchesRfc6238AppendixBTestVectors(long unixTime, TotpAlgorithm algorithm, String expected) {
        TotpSecret seed = TotpSecret.of(rfcSeed(algorithm.keyLength()));
        TotpVerifier totp = new TotpVerifier(TotpParameters.DEFAULT.withAlgorithm(algorithm).withDigits(8),
                new InMemoryUsedTimeSteps(), Clock.fixed(Instant.ofEpochSecond(unixTime), ZoneOffset.UTC));

        assertThat(totp.codeAt(seed, Instant.ofEpochSecond(unixTime))).isEqualTo(expected);
        assertThat(totp.verify("rfc", seed, expected)).isTrue();
    }

    @Test
    void acceptsTheCurrentCode() {
        assertThat(verifierAt(NOW).verify("alice", secret, verifierAt(NOW).codeAt(secret, NOW))).isTrue();
    }

    @Test
    void acceptsCodesOneStepEitherSideOfNow() {
        String previous = verifierAt(NOW).codeAt(secret, NOW.minusSeconds(30));
        String next = verifierAt(NOW).codeAt(secret, NOW.plusSeconds(30));

        assertThat(verifierAt(NOW).verify("alice", secret, previous)).isTrue();
        assertThat(verifierAt(NOW).verify("bob", secret, next)).isTrue();
    }

    @Test
    void rejectsCodesOutsideTheWindow() {
        String twoStepsAgo = verifierAt(NOW).codeAt(secret, NOW.minusSeconds(60));
        String twoStepsAhead = verifierAt(NOW).codeAt(secret, NOW.plusSeconds(60));

        assertThat(verifierAt(NOW).verify("alice", secret, twoStepsAgo)).isFalse();
        assertThat(verifierAt(NOW).verify("alice", secret, twoStepsAhead)).isFalse();
    }

    @Test
    void aZeroWindowAcceptsOnlyTheCurrentStep() {
        TotpVerifier strict = new TotpVerifier(TotpParameters.DEFAULT.withWindow(0), new InMemoryUsedTimeSteps(),
                Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(strict.verify("alice", secret, strict.codeAt(secret, NOW.minusSeconds(30)))).isFalse();
        assertThat(strict.verify("alice", secret, strict.codeAt(secret, NOW))).isTrue();
    }

    @Test
    void rejectsACodeReplayedAfterItWasAccepted() {
        UsedTimeSteps used = new InMemoryUsedTimeSteps();
        TotpVerifier totp = new TotpVerifier(TotpParameters.DEFAULT, used, Clock.fixed(NOW, ZoneOffset.UTC));
        String code = totp.codeAt(secret, NOW);

        assertThat(totp.verify("alice", secret, code)).isTrue();
        assertThat(totp.verify("alice", secret, code)).isFalse();
        // 30 s later the same code is still inside the window, and still refused.
        TotpVerifier later = new TotpVerifier(TotpParameters.DEFAULT, used, Clock.fixed(NOW.plusSeconds(30), ZoneOffset.UTC));
        assertThat(later.verify("alice", secret, code)).isFalse();
    }

    @Test
    void rejectsAnOlderCodeOnceALaterOneWasAccepted() {
        UsedTimeSteps used = new InMemoryUsedTimeSteps();
        TotpVerifier totp = new TotpVerifier(TotpParameters.DEFAULT, used, Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(totp.verify("alice", secret, totp.codeAt(secret, NOW))).isTrue();
        assertThat(totp.verify("alice", secret, totp.codeAt(secret, NOW.minusSeconds(30)))).isFalse();
        assertThat(totp.verify("alice", secret, totp.codeAt(secret, NOW.plusSeconds(30)))).isTrue();
    }

    @Test
    void replayProtectionIsPerAccount() {
        UsedTimeSteps used = new InMemoryUsedTimeSteps();
        TotpVerifier totp = new TotpVerifier(TotpParameters.DEFAULT, used, Clock.fixed(NOW, ZoneOffset.UTC));
        String code = totp.codeAt(secret, NOW);

        assertThat(totp.verify("alice", secret, code)).isTrue();
        assertThat(totp.verify("bob", secret, code)).isTrue();
    }

    @Test
    void rejectsMalformedCodes() {
        TotpVerifier totp = verifierAt(NOW);
        String code = totp.codeAt(secret, NOW);

        assertThat(totp.verify("alice", secret, null)).isFalse();
        assertThat(totp.verify("alice", secret, code.substring(1))).isFalse();
        assertThat(totp.verify("alice", secret, code + "0")).isFalse();
        assertThat(totp.verify("alice", secret, "12345a")).isFalse();
        assertThat(totp.verify("alice", secret, "\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16")).isFalse();
    }

    @Test
    void rejectsTheCodeOfAnotherSecret() {
        TotpSecret other = TotpSecret.generate(TotpAlgorithm.SHA1);

        assertThat(verifierAt(NOW).verify("alice", secret, verifierAt(NOW).codeAt(other, NOW))).isFalse();
    }

    @Test
    void keepsLeadingZeros() {
        TotpSecret seed = TotpSecret.of(rfcSeed(20));
        TotpVerifier totp = new TotpVerifier(TotpParameters.DEFAULT.withDigits(8), new InMemoryUsedTimeSteps(),
                Clock.systemUTC());

        assertThat(totp.codeAt(seed, Instant.ofEpochSecond(1_111_111_109L))).isEqualTo("07081804");
    }

    @Test
    void generatesSecretsAsLongAsTheHmacOutput() {
        assertThat(TotpSecret.generate(TotpAlgorithm.SHA1).key()).hasSize(20);
        assertThat(TotpSecret.generate(TotpAlgorithm.SHA256).key()).hasSize(32);
        assertThat(TotpSecret.generate(TotpAlgorithm.SHA512).key()).hasSize(64);
        assertThat(TotpSecret.generate(TotpAlgorithm.SHA1)).isNotEqualTo(TotpSecret.generate(TotpAlgorithm.SHA1));
    }

    @Test
    void secretsRoundTripThroughUnpaddedBase32AndNeverPrint() {
        TotpSecret rfc = TotpSecret.of(rfcSeed(20));

        assertThat(rfc.toBase32()).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(TotpSecret.fromBase32("gezd gnbv gy3t qojq gezd gnbv gy3t qojq")).isEqualTo(rfc);
        assertThat(TotpSecret.fromBase32(secret.toBase32())).isEqualTo(secret);
        assertThat(TotpSecret.generate(TotpAlgorithm.SHA256).toBase32()).doesNotContain("=").hasSize(52);
        assertThat(secret.toString()).isEqualTo("TotpSecret[20 bytes]");
    }

    @Test
    void rejectsShortOrMalformedSecrets() {
        assertThatThrownBy(() -> TotpSecret.fromBase32("GEZDGNBV")).hasMessageContaining("at least 16 bytes");
        assertThatThrownBy(() -> TotpSecret.fromBase32("GEZDGNBVGY3TQOJ1GEZDGNBVGY3TQOJQ"))
                .hasMessageContaining("unexpected character at position 15");
        assertThatThrownBy(() -> TotpSecret.fromBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQG"))
                .hasMessageContaining("truncated");
    }

    @Test
    void rejectsParametersAuthenticatorsDoNotSupport() {
        assertThatThrownBy(() -> TotpParameters.DEFAULT.withDigits(7)).hasMessageContaining("6 or 8 digits");
        assertThatThrownBy(() -> new TotpParameters(TotpAlgorithm.SHA1, 6, Duration.ofMillis(1500), 1))
                .hasMessageContaining("whole, positive number of seconds");
    }

    private static TotpVerifier verifierAt(Instant now) {
        return new TotpVerifier(TotpParameters.DEFAULT, new InMemoryUsedTimeSteps(), Clock.fixed(now, ZoneOffset.UTC));
    }

    static byte[] rfcSeed(int length) {
        return "1234567890".repeat(7).substring(0, length).getBytes(StandardCharsets.US_ASCII);
    }
}
