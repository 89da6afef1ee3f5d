package dev.rampart.auth.signature;

import dev.rampart.auth.MutableClock;
import static dev.rampart.auth.signature.TestSignatures.assertRejected;
import static dev.rampart.auth.signature.TestSignatures.hex;
import static dev.rampart.auth.signature.TestSignatures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StripeSignatureSchemeTest {

    private static final String SECRET = "whsec_test_5ecret0f32bytes0rmore0000";
    private static final long NOW = 1_767_225_600L;   // 2026-01-01T00:00:00Z
    private static final String BODY = "{\"id\":\"evt_1\",\"type\":\"payment_intent.succeeded\"}";

    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(NOW));
    private final StripeSignatureScheme stripe = StripeSignatureScheme.builder()
            .key(HmacKey.ofUtf8(SECRET)).clock(clock).build();

    @Test
    void acceptsARequestSignedWithTheSecretAtTheCurrentTime() {
        assertThat(stripe.verify(request("t=" + NOW + ",v1=" + v1(SECRET, NOW, BODY), BODY)).isAccepted()).isTrue();
    }

    @Test
    void rejectsATamperedBody() {
        String header = "t=" + NOW + ",v1=" + v1(SECRET, NOW, BODY);

        assertRejected(stripe.verify(request(header, BODY.replace("evt_1", "evt_2"))), SignatureRejection.BAD_SIGNATURE);
    }

    @Test
    void rejectsAnAlteredTimestampBecauseItIsSigned() {
        String header = "t=" + (NOW + 1) + ",v1=" + v1(SECRET, NOW, BODY);

        assertRejected(stripe.verify(request(header, BODY)), SignatureRejection.BAD_SIGNATURE);
    }

    @Test
    void rejectsASignatureMadeWithAnotherSecret() {
        String header = "t=" + NOW + ",v1=" + v1("whsec_other", NOW, BODY);

        assertRejected(stripe.verify(request(header, BODY)), SignatureRejection.BAD_SIGNATURE);
    }

    @Test
    void rejectsATimestampOlderThanTheTolerance() {
        long old = NOW - 301;

        assertRejected(stripe.verify(request("t=" + old + ",v1=" + v1(SECRET, old, BODY), BODY)),
                SignatureRejection.TIMESTAMP_OUTSIDE_TOLERANCE);
    }

    @Test
    void rejectsATimestampFurtherInTheFutureThanTheTolerance() {
        long future = NOW + 301;

        Verdict verdict = stripe.verify(request("t=" + future + ",v1=" + v1(SECRET, future, BODY), BODY));

        assertRejected(verdict, SignatureRejection.TIMESTAMP_OUTSIDE_TOLERANCE);
        assertThat(verdict.message()).contains("in the future");
    }

    @Test
    void acceptsTimestampsAtTheEdgesOfTheTolerance() {
        long oldest = NOW - 300;
        long latest = NOW + 300;

        assertThat(stripe.verify(request("t=" + oldest + ",v1=" + v1(SECRET, oldest, BODY), BODY)).isAccepted()).isTrue();
        assertThat(stripe.verify(request("t=" + latest + ",v1=" + v1(SECRET, latest, BODY), BODY)).isAccepted()).isTrue();
    }

    @Test
    void honoursAConfiguredTolerance() {
        StripeSignatureScheme strict = StripeSignatureScheme.builder()
                .key(HmacKey.ofUtf8(SECRET)).tolerance(Duration.ofSeconds(30)).clock(clock).build();
        long t = NOW - 31;

        assertRejected(strict.verify(request("t=" + t + ",v1=" + v1(SECRET, t, BODY), BODY)),
                SignatureRejection.TIMESTAMP_OUTSIDE_TOLERANCE);
    }

    @Test
    void rejectsTheSameSignedRequestTheSecondTime() {
        SignedRequest request = request("t=" + NOW + ",v1=" + v1(SECRET, NOW, BODY), BODY);
        assertThat(stripe.verify(request).isAccepted()).isTrue();

        clock.advance(Duration.ofSeconds(10));

        assertRejected(stripe.verify(request), SignatureRejection.REPLAYED);
    }

    @Test
    void aReplayAfterTheWindowIsRefusedForItsTimestamp() {
        SignedRequest request = request("t=" + NOW + ",v1=" + v1(SECRET, NOW, BODY), BODY);
        assertThat(stripe.verify(request).isAccepted()).isTrue();

        clock.advance(Duration.ofSeconds(301));

        assertRejected(stripe.verify(request), SignatureRejection.TIMESTAMP_OUTSIDE_TOLERANCE);
    }

    @Test
    void aRejectedRequestDoesNotUseUpItsSignature() {
        String header = "t=" + NOW + ",v1=" + v1(SECRET, NOW, BODY);
        assertRejected(stripe.verify(request(header, BODY + " ")), SignatureRejection.BAD_SIGNATURE);

        assertThat(stripe.verify(request(header, BODY)).isAccepted()).isTrue();
    }

    @Test
    void acceptsWhenAnyOfSeveralV1SignaturesMatches() {
        String header = "t=" + NOW + ",v1=" + v1("whsec_rolled_away", NOW, BODY) + ",v1=" + v1(SECRET, NOW, BODY);

        assertThat(stripe.verify(request(header, BODY)).isAccepted()).isTrue();
    }

    @Test
    void ignoresTestModeV0Signatures() {
        String header = "t=" + NOW + ",v1=" + v1(SECRET, NOW, BODY) + ",v0=" + v1("whsec_test", NOW, BODY);

        assertThat(stripe.verify(request(header, BODY)).isAccepted()).isTrue();
    }

    @Test
    void acceptsEachOfOurRotatedSecrets() {
        StripeSignatureScheme rotating = StripeSignatureScheme.builder()
                .key(HmacKey.ofUtf8("whsec_new")).key(HmacKey.ofUtf8(SECRET)).clock(clock).build();

        assertThat(rotating.verify(request("t=" + NOW + ",v1=" + v1(SECRET, NOW, BODY), BODY)).isAccepted()).isTrue();
        assertThat(rotating.verify(request("t=" + NOW + ",v1=" + v1("whsec_new", NOW, BODY + "\n"), BODY + "\n")).isAccepted()).isTrue();
    }

    @Test
    void aReplayCannotPassAsNewByCarryingTheOtherRotatedSignature() {
        StripeSignatureScheme rotating = StripeSignatureScheme.builder()
                .key(HmacKey.ofUtf8("whsec_new")).key(HmacKey.ofUtf8(SECRET)).clock(clock).build();
        String both = "t=" + NOW + ",v1=" + v1("whsec_new", NOW, BODY) + ",v1=" + v1(SECRET, NOW, BODY);
        assertThat(rotating.verify(request(both, BODY)).isAccepted()).isTrue();

        String oldOnly = "t=" + NOW + ",v1=" + v1(SECRET, NOW, BODY);

        assertRejected(rotating.verify(request(oldOnly, BODY)), SignatureRejection.REPLAYED);
    }

    @Test
    void sharesAReplayGuardWhenGivenOne() {
        InMemoryReplayGuard shared = new InMemoryReplayGuard(clock);
        StripeSignatureScheme nodeA = StripeSignatureScheme.builder().key(HmacKey.ofUtf8(SECRET)).clock(clock).replayGuard(shared).build();
        StripeSignatureScheme nodeB = StripeSignatureScheme.builder().key(HmacKey.ofUtf8(SECRET)).clock(clock).replayGuard(shared).build();
        SignedRequest request = request("t=" + NOW + ",v1=" + v1(SECRET, NOW, BODY), BODY);

        assertThat(nodeA.verify(request).isAccepted()).isTrue();
        assertRejected(nodeB.verify(request), SignatureRejection.REPLAYED);
    }

    @Test
    void readsAStripeStyleHeaderUnderAnotherName() {
        StripeSignatureScheme custom = StripeSignatureScheme.builder()
                .key(HmacKey.ofUtf8(SECRET)).headerName("Acme-Signature").clock(clock).build();
        SignedRequest request = SignedRequest.builder("POST", "/hooks")
                .header("acme-signature", "t=" + NOW + ",v1=" + v1(SECRET, NOW, BODY)).body(utf8(BODY)).build();

        assertThat(custom.verify(request).isAccepted()).isTrue();
    }

    @Test
    void reportsAMissingHeader() {
        assertRejected(stripe.verify(SignedRequest.builder("POST", "/hooks").body(utf8(BODY)).build()),
                SignatureRejection.MISSING_SIGNATURE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "v1=00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",                   // no t
        "t=1767225600",                                                                          // no v1
        "t=1767225600,v0=00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",       // only v0
        "t=1767225600,v1=00112233445566778899aabbccddeeff00112233445566778899aabbccddeef",        // odd hex
        "t=1767225600,v1=zz112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",       // not hex
        "t=1767225600,v1=0011",                                                                  // short MAC
        "t=1767225600,v1=",
        "t=-1767225600,v1=00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",      // signed number
        "t=1.5e9,v1=00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",            // not an integer
        "t=99999999999999999999,v1=00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff", // overflow
        "t=1,t=2,v1=00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",            // two timestamps
        "t=1767225600,,v1=00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",      // empty element
        "t1767225600",
        "=,=,=",
        "",
    })
    void reportsAMalformedHeaderWithoutThrowing(String header) {
        assertRejected(stripe.verify(request(header, BODY)), SignatureRejection.MALFORMED_SIGNATURE);
    }

    @Test
    void refusesAnOversizedHeaderBeforeParsingIt() {
        String huge = "t=" + NOW + ",v1=" + v1(SECRET, NOW, BODY) + ",v0=ab".repeat(200);

        assertRejected(stripe.verify(request(huge, BODY)), SignatureRejection.MALFORMED_SIGNATURE);
    }

    @Test
    void refusesToleranceThatIsNotPositiveOrLongerThanAnHour() {
        assertThatThrownBy(() -> StripeSignatureScheme.builder().key(HmacKey.ofUtf8(SECRET)).tolerance(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tolerance");
        assertThatThrownBy(() -> StripeSignatureScheme.builder().key(HmacKey.ofUtf8(SECRET)).tolerance(Duration.ofHours(2)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 60 minutes");
    }

    @Test
    void refusesToBuildWithoutAKey() {
        assertThatThrownBy(() -> StripeSignatureScheme.builder().build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key(HmacKey)");
    }

    /** Stripe's v1: hex HMAC-SHA256 of "{t}.{body}" under the endpoint secret. */
    private static String v1(String secret, long t, String body) {
        return hex("HmacSHA256", secret, t + "." + body);
    }

    private static SignedRequest request(String header, String body) {
        return SignedRequest.builder("POST", "/hooks/stripe").header("Stripe-Signature", header).body(utf8(body)).build();
    }
}
