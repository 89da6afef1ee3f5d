package dev.rampart.auth.signature;

import static dev.rampart.auth.signature.TestSignatures.assertRejected;
import static dev.rampart.auth.signature.TestSignatures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GitHubSignatureSchemeTest {

    /** GitHub Docs, "Validating webhook deliveries", "Testing the webhook payload validation". */
    private static final String DOCS_SECRET = "It's a Secret to Everybody";
    private static final String DOCS_PAYLOAD = "Hello, World!";
    private static final String DOCS_SIGNATURE = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    private final GitHubSignatureScheme github = GitHubSignatureScheme.builder().key(HmacKey.ofUtf8(DOCS_SECRET)).build();

    @Test
    void acceptsGitHubsDocumentedExample() {
        assertThat(github.verify(request(DOCS_SIGNATURE, DOCS_PAYLOAD)).isAccepted()).isTrue();
    }

    @Test
    void findsTheHeaderWhateverItsLetterCase() {
        SignedRequest lowerCase = SignedRequest.builder("POST", "/hooks/github")
                .header("x-hub-signature-256", DOCS_SIGNATURE).body(utf8(DOCS_PAYLOAD)).build();

        assertThat(github.verify(lowerCase).isAccepted()).isTrue();
    }

    @Test
    void rejectsATamperedBody() {
        assertRejected(github.verify(request(DOCS_SIGNATURE, "Hello, World?")), SignatureRejection.BAD_SIGNATURE);
    }

    @Test
    void rejectsASignatureMadeWithAnotherSecret() {
        String forged = "sha256=" + TestSignatures.hex("HmacSHA256", "guessed secret", DOCS_PAYLOAD);

        assertRejected(github.verify(request(forged, DOCS_PAYLOAD)), SignatureRejection.BAD_SIGNATURE);
    }

    @Test
    void acceptsTheOldAndTheNewSecretWhileRotating() {
        GitHubSignatureScheme rotating = GitHubSignatureScheme.builder()
                .key(HmacKey.ofUtf8("new secret")).key(HmacKey.ofUtf8(DOCS_SECRET)).build();
        String withNew = "sha256=" + TestSignatures.hex("HmacSHA256", "new secret", DOCS_PAYLOAD);

        assertThat(rotating.verify(request(DOCS_SIGNATURE, DOCS_PAYLOAD)).isAccepted()).isTrue();
        assertThat(rotating.verify(request(withNew, DOCS_PAYLOAD)).isAccepted()).isTrue();
    }

    @Test
    void reportsAMissingHeader() {
        SignedRequest unsigned = SignedRequest.builder("POST", "/hooks/github").body(utf8(DOCS_PAYLOAD)).build();

        assertRejected(github.verify(unsigned), SignatureRejection.MISSING_SIGNATURE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",          // no prefix
        "sha1=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",     // wrong prefix
        "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e1",    // odd number of digits
        "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043exx",   // not hex
        "sha256=757107ea",                                                            // too short
        "sha256=",
        "sha256",
        "",
    })
    void reportsAMalformedHeaderWithoutThrowing(String header) {
        assertRejected(github.verify(request(header, DOCS_PAYLOAD)), SignatureRejection.MALFORMED_SIGNATURE);
    }

    @Test
    void refusesAnOversizedHeaderBeforeParsingIt() {
        String huge = "sha256=" + "ab".repeat(SignedRequest.MAX_SIGNATURE_HEADER_CHARS);

        Verdict verdict = github.verify(request(huge, DOCS_PAYLOAD));

        assertRejected(verdict, SignatureRejection.MALFORMED_SIGNATURE);
        assertThat(verdict.message()).contains("over the limit");
    }

    @Test
    void refusesARepeatedSignatureHeader() {
        SignedRequest twice = SignedRequest.builder("POST", "/hooks/github")
                .header("X-Hub-Signature-256", DOCS_SIGNATURE).header("X-Hub-Signature-256", DOCS_SIGNATURE)
                .body(utf8(DOCS_PAYLOAD)).build();

        assertRejected(github.verify(twice), SignatureRejection.MALFORMED_SIGNATURE);
    }

    @Test
    void ignoresTheLegacySha1HeaderByDefault() {
        SignedRequest legacyOnly = legacyRequest(DOCS_SECRET);

        assertRejected(github.verify(legacyOnly), SignatureRejection.MISSING_SIGNATURE);
    }

    @Test
    void acceptsTheLegacySha1HeaderOnlyWhenConfigured() {
        GitHubSignatureScheme legacy = GitHubSignatureScheme.builder()
                .key(HmacKey.ofUtf8(DOCS_SECRET)).acceptLegacySha1(true).build();

        assertThat(legacy.verify(legacyRequest(DOCS_SECRET)).isAccepted()).isTrue();
        assertRejected(legacy.verify(legacyRequest("other secret")), SignatureRejection.BAD_SIGNATURE);
    }

    @Test
    void neverFallsBackToSha1WhenTheSha256SignatureFails() {
        GitHubSignatureScheme legacy = GitHubSignatureScheme.builder()
                .key(HmacKey.ofUtf8(DOCS_SECRET)).acceptLegacySha1(true).build();
        SignedRequest downgrade = SignedRequest.builder("POST", "/hooks/github")
                .header("X-Hub-Signature-256", "sha256=" + "00".repeat(32))
                .header("X-Hub-Signature", "sha1=" + TestSignatures.hex("HmacSHA1", DOCS_SECRET, DOCS_PAYLOAD))
                .body(utf8(DOCS_PAYLOAD)).build();

        assertRejected(legacy.verify(downgrade), SignatureRejection.BAD_SIGNATURE);
    }

    @Test
    void rejectionMessagesShowNeitherTheSecretNorTheExpectedSignature() {
        Verdict verdict = github.verify(request("sha256=" + "00".repeat(32), DOCS_PAYLOAD));

        assertThat(verdict.message()).doesNotContain(DOCS_SECRET).doesNotContain(DOCS_SIGNATURE.substring(7));
        assertThat(github.toString()).doesNotContain(DOCS_SECRET);
    }

    @Test
    void passesTheBodyOnUnchanged() {
        byte[] body = utf8(DOCS_PAYLOAD);
        SignedRequest request = SignedRequest.builder("POST", "/hooks/github")
                .header("X-Hub-Signature-256", DOCS_SIGNATURE).body(body).build();

        github.verify(request);

        assertThat(request.body()).isSameAs(body).isEqualTo(utf8(DOCS_PAYLOAD));
    }

    private static SignedRequest legacyRequest(String secret) {
        return SignedRequest.builder("POST", "/hooks/github")
                .header("X-Hub-Signature", "sha1=" + TestSignatures.hex("HmacSHA1", secret, DOCS_PAYLOAD))
                .body(utf8(DOCS_PAYLOAD)).build();
    }

    private static SignedRequest request(String signature, String body) {
        return SignedRequest.builder("POST", "/hooks/github")
                .header("X-Hub-Signature-256", signature).body(utf8(body)).build();
    }
}
