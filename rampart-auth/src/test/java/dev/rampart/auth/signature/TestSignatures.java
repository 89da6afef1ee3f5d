package dev.rampart.auth.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Expected MACs computed directly with javax.crypto, independently of the code under test, and verdict assertions. */
final class TestSignatures {

    private TestSignatures() {
    }

    static byte[] mac(String algorithm, String secret, String data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static String hex(String algorithm, String secret, String data) {
        return HexFormat.of().formatHex(mac(algorithm, secret, data));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static void assertRejected(Verdict verdict, SignatureRejection reason) {
        assertThat(verdict.isAccepted()).as(verdict.toString()).isFalse();
        assertThat(verdict.rejection()).as(verdict.message()).contains(reason);
    }
}
