package dev.rampart.auth.totp;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * What a user needs to add an account to an authenticator app: a new secret, its otpauth URI (the
 * Key Uri Format of Google Authenticator, which every app reads) and that URI as a QR code. Show the
 * QR code once, store {@link #secret()} (encrypted) only after the user has typed a valid code from it.
 *
 * <pre>{@code
 * TotpEnrolment enrolment = TotpEnrolment.create("Rampart", "alice@example.com", TotpParameters.DEFAULT);
 * byte[] png = enrolment.qrCodePng(256);
 * }</pre>
 */
public final class TotpEnrolment {

    private final String issuer;
    private final String account;
    private final TotpSecret secret;
    private final TotpParameters parameters;

    private TotpEnrolment(String issuer, String account, TotpSecret secret, TotpParameters parameters) {
        this.issuer = requireLabelPart(issuer, "issuer");
        this.account = requireLabelPart(account, "account");
        this.secret = Objects.requireNonNull(secret, "secret");
        this.parameters = Objects.requireNonNull(parameters, "parameters");
    }

    /** A new enrolment with a fresh random secret. */
    public static TotpEnrolment create(String issuer, String account, TotpParameters parameters) {
        return new TotpEnrolment(issuer, account, TotpSecret.generate(parameters.algorithm()), parameters);
    }

    /** The enrolment of an existing secret, to show its QR code again. */
    public static TotpEnrolment of(String issuer, String account, TotpSecret secret, TotpParameters parameters) {
        return new TotpEnrolment(issuer, account, secret, parameters);
    }

    public TotpSecret secret() {
        return secret;
    }

    /**
     * {@code otpauth://totp/Issuer:account?secret=BASE32&issuer=Issuer&algorithm=SHA1&digits=6&period=30}.
     * The issuer is both the label prefix and a parameter, as the format asks, so that apps that read
     * either one show it.
     */
    public String uri() {
        return "otpauth://totp/" + encode(issuer) + ":" + encode(account)
                + "?secret=" + secret.toBase32()
                + "&issuer=" + encode(issuer)
                + "&algorithm=" + parameters.algorithm().uriName()
                + "&digits=" + parameters.digits()
                + "&period=" + parameters.periodSeconds();
    }

    /** The URI as a PNG QR code of about {@code sizePixels} square, error correction M, quiet zone included. */
    public byte[] qrCodePng(int sizePixels) {
        if (sizePixels < 64 || sizePixels > 2048) {
            throw new IllegalArgumentException("QR code size must be between 64 and 2048 pixels, got " + sizePixels);
        }
        try {
            BitMatrix matrix = new QRCodeWriter().encode(uri(), BarcodeFormat.QR_CODE, sizePixels, sizePixels,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(matrix, "PNG", png);
            return png.toByteArray();
        } catch (WriterException e) {
            throw new IllegalStateException("the otpauth URI does not fit in a QR code: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "TotpEnrolment[" + issuer + ":" + account + "]";
    }

    /** RFC 3986 percent-encoding; URLEncoder's form encoding writes spaces as '+', which apps show literally. */
    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String requireLabelPart(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException("the TOTP " + name + " must not be blank");
        }
        // The label is "issuer:account"; a colon inside either part would make apps split it wrongly.
        if (value.indexOf(':') >= 0) {
            throw new IllegalArgumentException("the TOTP " + name + " must not contain ':', got " + value);
        }
        return value;
    }
}
