package dev.rampart.auth.totp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class TotpEnrolmentTest {

    private static final TotpSecret RFC_SEED = TotpSecret.of(TotpVerifierTest.rfcSeed(20));

    @Test
    void writesTheOtpauthUriWithIssuerLabelAndParameters() {
        TotpEnrolment enrolment = TotpEnrolment.of("Rampart", "alice@example.com", RFC_SEED, TotpParameters.DEFAULT);

        assertThat(enrolment.uri()).isEqualTo("otpauth://totp/Rampart:alice%40example.com"
                + "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Rampart&algorithm=SHA1&digits=6&period=30");
    }

    @Test
    void percentEncodesSpacesAndNonAsciiInTheLabel() {
        TotpEnrolment enrolment = TotpEnrolment.of("Acme Corp", "zoë", RFC_SEED,
                TotpParameters.DEFAULT.withAlgorithm(TotpAlgorithm.SHA256).withDigits(8));

        assertThat(enrolment.uri()).startsWith("otpauth://totp/Acme%20Corp:zo%C3%AB?secret=")
                .endsWith("&issuer=Acme%20Corp&algorithm=SHA256&digits=8&period=30");
    }

    @Test
    void createsAFreshSecretForTheChosenAlgorithm() {
        TotpEnrolment enrolment = TotpEnrolment.create("Rampart", "alice", TotpParameters.DEFAULT.withAlgorithm(TotpAlgorithm.SHA512));

        assertThat(enrolment.secret().key()).hasSize(64);
        assertThat(enrolment.uri()).contains("secret=" + enrolment.secret().toBase32() + "&").contains("algorithm=SHA512");
        assertThat(enrolment.toString()).doesNotContain(enrolment.secret().toBase32());
    }

    @Test
    void rejectsAColonInIssuerOrAccount() {
        assertThatThrownBy(() -> TotpEnrolment.create("Ramp:art", "alice", TotpParameters.DEFAULT))
                .hasMessageContaining("issuer must not contain ':'");
        assertThatThrownBy(() -> TotpEnrolment.create("Rampart", " ", TotpParameters.DEFAULT))
                .hasMessageContaining("account must not be blank");
    }

    @org.junit.jupiter.api.RepeatedTest(40)
    void qrCodePngDecodesBackToTheUri() throws Exception {
        TotpEnrolment enrolment = TotpEnrolment.create("Rampart", "alice@example.com", TotpParameters.DEFAULT);

        byte[] png = enrolment.qrCodePng(256);

        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isGreaterThanOrEqualTo(256);
        // PURE_BARCODE: the image is a generated code with a quiet zone, not a photo; the reader's
        // finder-pattern search for photos misses some random secrets' codes.
        String decoded = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new BufferedImageLuminanceSource(image))),
                java.util.Map.of(com.google.zxing.DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
        assertThat(decoded).isEqualTo(enrolment.uri());
    }
}
