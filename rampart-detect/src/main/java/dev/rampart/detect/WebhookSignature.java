package dev.rampart.detect;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Rampart-Signature} header of alert webhooks, in the scheme Stripe uses for its
 * webhooks: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 over "<t>.<body>">}. Signing the
 * timestamp with the body lets a receiver refuse a captured delivery replayed later; receivers
 * verify with {@link #verify}, or with any HMAC library in a few lines.
 */
public final class WebhookSignature {

    /** Header carrying the signature. */
    public static final String HEADER = "Rampart-Signature";

    private WebhookSignature() {
    }

    /** The header value for {@code body} sent at {@code time}. */
    public static String sign(String secret, Instant time, byte[] body) {
        long t = time.getEpochSecond();
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac(secret, t, body));
    }

    /**
     * Whether {@code header} is a valid signature of {@code body} made within {@code tolerance} of
     * {@code now}. The comparison takes constant time.
     */
    public static boolean verify(String secret, String header, byte[] body, Instant now, Duration tolerance) {
        if (header == null) {
            return false;
        }
        Long t = null;
        byte[] given = null;
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                return false;
            }
            String key = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            try {
                if (key.equals("t")) {
                    t = Long.parseLong(value);
                } else if (key.equals("v1")) {
                    given = HexFormat.of().parseHex(value);
                }
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        if (t == null || given == null
                || Duration.between(Instant.ofEpochSecond(t), now).abs().compareTo(tolerance) > 0) {
            return false;
        }
        return MessageDigest.isEqual(mac(secret, t, body), given);
    }

    private static byte[] mac(String secret, long t, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }
}
