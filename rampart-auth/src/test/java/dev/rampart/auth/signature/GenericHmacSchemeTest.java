package dev.rampart.auth.signature;

import dev.rampart.auth.MutableClock;
import static dev.rampart.auth.signature.TestSignatures.assertRejected;
import static dev.rampart.auth.signature.TestSignatures.hex;
import static dev.rampart.auth.signature.TestSignatures.mac;
import static dev.rampart.auth.signature.TestSignatures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GenericHmacSchemeTest {

    private static final String SECRET = "generic-webhook-secret-0123456789";
    private static final long NOW = 1_767_225_600L;
    private static final String BODY = "{\"order\":42}";

    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(NOW));

    /** RFC 4231 §4.3, test case 2: key "Jefe", data "what do ya want for nothing?". */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "HMAC_SHA256, 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        "HMAC_SHA384, af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649",
        "HMAC_SHA512, 164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737",
    })
    void matchesRfc4231TestCase2(MacAlgorithm algorithm, String expectedHex) {
        GenericHmacScheme scheme = GenericHmacScheme.builder()
                .signatureHeader("X-Signature").algorithm(algorithm).encoding(SignatureEncoding.HEX)
                .key(HmacKey.ofUtf8("Jefe")).build();
        SignedRequest rfc = SignedRequest.builder("POST", "/").header("X-Signature", expectedHex)
                .body(utf8("what do ya want for nothing?")).build();

        assertThat(scheme.verify(rfc).isAccepted()).isTrue();
    }

    @Test
    void acceptsUpperCaseHex() {
        GenericHmacScheme scheme = bodyOnly().build();

        assertThat(scheme.verify(request(hex("HmacSHA256", SECRET, BODY).toUpperCase(), BODY)).isAccepted()).isTrue();
    }

    @Test
    void acceptsBase64() {
        GenericHmacScheme scheme = bodyOnly().encoding(SignatureEncoding.BASE64).build();
        String signature = Base64.getEncoder().encodeToString(mac("HmacSHA256", SECRET, BODY));

        assertThat(scheme.verify(request(signature, BODY)).isAccepted()).isTrue();
        assertRejected(scheme.verify(request(signature, BODY + "!")), SignatureRejection.BAD_SIGNATURE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64!", "AAAA=AAA", "QUJD", "====", ""})
    void reportsBadBase64AsMalformed(String signature) {
        GenericHmacScheme scheme = bodyOnly().encoding(SignatureEncoding.BASE64).build();

        assertRejected(scheme.verify(request(signature, BODY)), SignatureRejection.MALFORMED_SIGNATURE);
    }

    @Test
    void requiresTheConfiguredPrefix() {
        GenericHmacScheme scheme = bodyOnly().prefix("sha256=").build();
        String mac = hex("HmacSHA256", SECRET, BODY);

        assertThat(scheme.verify(request("sha256=" + mac, BODY)).isAccepted()).isTrue();
        assertRejected(scheme.verify(request(mac, BODY)), SignatureRejection.MALFORMED_SIGNATURE);
    }

    @Test
    void reportsAMacOfTheWrongLengthForTheAlgorithmAsMalformed() {
        GenericHmacScheme sha512 = bodyOnly().algorithm(MacAlgorithm.HMAC_SHA512).build();

        assertRejected(sha512.verify(request(hex("HmacSHA256", SECRET, BODY), BODY)), SignatureRejection.MALFORMED_SIGNATURE);
    }

    @Test
    void signsTheTimestampMethodPathAndBodyOfTheTemplate() {
        GenericHmacScheme scheme = timestamped("{timestamp}\n{method}\n{path}\n{body}").build();
        String signature = hex("HmacSHA256", SECRET, NOW + "\nPOST\n/hooks/orders?x=1\n" + BODY);

        assertThat(scheme.verify(timestampedRequest("POST", "/hooks/orders?x=1", NOW, signature, BODY)).isAccepted()).isTrue();
        assertRejected(scheme.verify(timestampedRequest("PUT", "/hooks/orders?x=1", NOW, signature, BODY)),
                SignatureRejection.BAD_SIGNATURE);
        assertRejected(scheme.verify(timestampedRequest("POST", "/hooks/orders?x=2", NOW, signature, BODY)),
                SignatureRejection.BAD_SIGNATURE);
        assertRejected(scheme.verify(timestampedRequest("POST", "/hooks/orders?x=1", NOW + 1, signature, BODY)),
                SignatureRejection.BAD_SIGNATURE);
    }

    @Test
    void rejectsATimestampOutsideTheTolerance() {
        GenericHmacScheme scheme = timestamped("{timestamp}.{body}").tolerance(Duration.ofSeconds(60)).build();
        long old = NOW - 61;

        assertRejected(scheme.verify(timestampedRequest("POST", "/h", old, hex("HmacSHA256", SECRET, old + "." + BODY), BODY)),
                SignatureRejection.TIMESTAMP_OUTSIDE_TOLERANCE);
    }

    @Test
    void rejectsATimestampedRequestSentTwice() {
        GenericHmacScheme scheme = timestamped("{timestamp}.{body}").build();
        SignedRequest request = timestampedRequest("POST", "/h", NOW, hex("HmacSHA256", SECRET, NOW + "." + BODY), BODY);

        assertThat(scheme.verify(request).isAccepted()).isTrue();
        assertRejected(scheme.verify(request), SignatureRejection.REPLAYED);
    }

    @Test
    void reportsAMissingTimestampHeader() {
        GenericHmacScheme scheme = timestamped("{timestamp}.{body}").build();

        assertRejected(scheme.verify(request(hex("HmacSHA256", SECRET, NOW + "." + BODY), BODY)), SignatureRejection.MISSING_SIGNATURE);
    }

    @Test
    void acceptsANonceOnceAndANewNonceAgain() {
        GenericHmacScheme scheme = bodyOnly().nonceHeader("X-Nonce").signedContent("{nonce}:{body}").build();

        assertThat(scheme.verify(nonceRequest("n-1")).isAccepted()).isTrue();
        assertRejected(scheme.verify(nonceRequest("n-1")), SignatureRejection.REPLAYED);
        assertThat(scheme.verify(nonceRequest("n-2")).isAccepted()).isTrue();
    }

    @Test
    void remembersAnUntimestampedNonceForTheRetentionOnly() {
        GenericHmacScheme scheme = bodyOnly().nonceHeader("X-Nonce").signedContent("{nonce}:{body}")
                .nonceRetention(Duration.ofHours(1)).build();
        assertThat(scheme.verify(nonceRequest("n-1")).isAccepted()).isTrue();

        clock.advance(Duration.ofMinutes(59));
        assertRejected(scheme.verify(nonceRequest("n-1")), SignatureRejection.REPLAYED);

        clock.advance(Duration.ofMinutes(2));
        assertThat(scheme.verify(nonceRequest("n-1")).isAccepted()).isTrue();
    }

    @Test
    void reportsAMissingNonceAndRefusesAnInvisibleOne() {
        GenericHmacScheme scheme = bodyOnly().nonceHeader("X-Nonce").signedContent("{nonce}:{body}").build();

        assertRejected(scheme.verify(request(hex("HmacSHA256", SECRET, ":" + BODY), BODY)), SignatureRejection.MISSING_SIGNATURE);
        assertRejected(scheme.verify(nonceRequest("a\u0001b")), SignatureRejection.MALFORMED_SIGNATURE);
    }

    @Test
    void combinesTimestampAndNonce() {
        GenericHmacScheme scheme = timestamped("{timestamp}.{nonce}.{body}").nonceHeader("X-Nonce").build();
        SignedRequest request = SignedRequest.builder("POST", "/h")
                .header("X-Timestamp", Long.toString(NOW)).header("X-Nonce", "abc")
                .header("X-Signature", hex("HmacSHA256", SECRET, NOW + ".abc." + BODY)).body(utf8(BODY)).build();

        assertThat(scheme.verify(request).isAccepted()).isTrue();
        assertRejected(scheme.verify(request), SignatureRejection.REPLAYED);
    }

    @Test
    void signsANamedHeader() {
        GenericHmacScheme scheme = bodyOnly().signedContent("{header:X-Tenant}|{body}").build();
        String signature = hex("HmacSHA256", SECRET, "acme|" + BODY);

        assertThat(scheme.verify(withTenant("acme", signature)).isAccepted()).isTrue();
        assertRejected(scheme.verify(withTenant("evil", signature)), SignatureRejection.BAD_SIGNATURE);
        assertRejected(scheme.verify(request(signature, BODY)), SignatureRejection.MALFORMED_SIGNATURE);
    }

    @Test
    void refusesAPathContainingTheSeparatorBecauseItsBoundaryWithTheBodyIsAmbiguous() {
        // "/a.b" + "." + "c" and "/a" + "." + "b.c" sign the same bytes: the signature must not carry over.
        GenericHmacScheme scheme = bodyOnly().signedContent("{path}.{body}").build();
        String signature = hex("HmacSHA256", SECRET, "/a.b.c");

        assertThat(scheme.verify(SignedRequest.builder("POST", "/a").header("X-Signature", signature).body(utf8("b.c")).build())
                .isAccepted()).isTrue();
        Verdict moved = scheme.verify(SignedRequest.builder("POST", "/a.b").header("X-Signature", signature).body(utf8("c")).build());

        assertRejected(moved, SignatureRejection.MALFORMED_SIGNATURE);
        assertThat(moved.message()).contains("path").contains("separator");
    }

    @Test
    void acceptsAnyPathWithALineFeedSeparator() {
        GenericHmacScheme scheme = bodyOnly().signedContent("{path}\n{body}").build();
        String signature = hex("HmacSHA256", SECRET, "/v1.2/orders\n" + BODY);

        assertThat(scheme.verify(SignedRequest.builder("POST", "/v1.2/orders").header("X-Signature", signature)
                .body(utf8(BODY)).build()).isAccepted()).isTrue();
    }

    @Test
    void acceptsEachRotatedKey() {
        GenericHmacScheme scheme = bodyOnly().key(HmacKey.ofUtf8("second-secret-0123456789")).build();

        assertThat(scheme.verify(request(hex("HmacSHA256", SECRET, BODY), BODY)).isAccepted()).isTrue();
        assertThat(scheme.verify(request(hex("HmacSHA256", "second-secret-0123456789", BODY), BODY)).isAccepted()).isTrue();
        assertRejected(scheme.verify(request(hex("HmacSHA256", "third", BODY), BODY)), SignatureRejection.BAD_SIGNATURE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "zz", "sha256=00"})
    void reportsMalformedHexWithoutThrowing(String signature) {
        assertRejected(bodyOnly().build().verify(request(signature, BODY)), SignatureRejection.MALFORMED_SIGNATURE);
    }

    @Test
    void refusesOversizedSignatureTimestampAndNonceHeaders() {
        GenericHmacScheme scheme = timestamped("{timestamp}.{nonce}.{body}").nonceHeader("X-Nonce").build();
        String huge = "1".repeat(SignedRequest.MAX_SIGNATURE_HEADER_CHARS + 1);
        String valid = hex("HmacSHA256", SECRET, NOW + ".n." + BODY);

        for (String[] headers : new String[][] {
                {huge, Long.toString(NOW), "n"}, {valid, huge, "n"}, {valid, Long.toString(NOW), huge}}) {
            SignedRequest request = SignedRequest.builder("POST", "/h").header("X-Signature", headers[0])
                    .header("X-Timestamp", headers[1]).header("X-Nonce", headers[2]).body(utf8(BODY)).build();
            assertRejected(scheme.verify(request), SignatureRejection.MALFORMED_SIGNATURE);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{method}.{path}       | {body}",
        "{timestamp}.{body}    | timestampHeader",
        "{nonce}.{body}        | nonceHeader",
        "{body}.{query}        | unknown component {query}",
        "{path}{body}          | put a separator",
        "{body}.{body}         | {body} exactly once",
        "{body}.{header:}      | not a header name",
        "{body}}               | unmatched brace",
    })
    void explainsAMistakeInWhatIsSigned(String template, String explanation) {
        assertThatThrownBy(() -> bodyOnly().signedContent(template).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(explanation);
    }

    @Test
    void refusesATimestampHeaderThatIsNotSigned() {
        assertThatThrownBy(() -> bodyOnly().timestampHeader("X-Timestamp").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{timestamp} exactly once");
    }

    @Test
    void refusesToBuildWithoutASignatureHeaderOrAKey() {
        assertThatThrownBy(() -> GenericHmacScheme.builder().key(HmacKey.ofUtf8(SECRET)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("signatureHeader(name)");
        assertThatThrownBy(() -> GenericHmacScheme.builder().signatureHeader("X-Signature").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key(HmacKey)");
    }

    private GenericHmacScheme.Builder bodyOnly() {
        return GenericHmacScheme.builder().signatureHeader("X-Signature").key(HmacKey.ofUtf8(SECRET)).clock(clock);
    }

    private GenericHmacScheme.Builder timestamped(String template) {
        return bodyOnly().timestampHeader("X-Timestamp").signedContent(template);
    }

    private static SignedRequest request(String signature, String body) {
        return SignedRequest.builder("POST", "/hooks").header("X-Signature", signature).body(utf8(body)).build();
    }

    private static SignedRequest timestampedRequest(String method, String target, long t, String signature, String body) {
        return SignedRequest.builder(method, target).header("X-Timestamp", Long.toString(t))
                .header("X-Signature", signature).body(utf8(body)).build();
    }

    private static SignedRequest nonceRequest(String nonce) {
        return SignedRequest.builder("POST", "/hooks").header("X-Nonce", nonce)
                .header("X-Signature", hex("HmacSHA256", SECRET, nonce + ":" + BODY)).body(utf8(BODY)).build();
    }

    private static SignedRequest withTenant(String tenant, String signature) {
        return SignedRequest.builder("POST", "/hooks").header("X-Tenant", tenant)
                .header("X-Signature", signature).body(utf8(BODY)).build();
    }
}
