package dev.rampart.auth.session;

import dev.rampart.auth.credential.SecretMac;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * CSRF synchronizer tokens bound to the session (OWASP CSRF Prevention Cheat Sheet, "signed double
 * submit" / HMAC-based token): the token is the HMAC-SHA256 of the session id under a server key.
 * Nothing is stored, the token changes when the session id is rotated, and a token taken from
 * another session, or made without the server key, does not verify.
 *
 * <pre>{@code
 * CsrfTokens csrf = new CsrfTokens(serverKey);
 * String token = csrf.tokenFor(sessionId);          // give it to the console page (e.g. a response header)
 * boolean ok = csrf.matches(sessionId, request.header("X-CSRF-Token"));   // on every unsafe method
 * }</pre>
 *
 * Thread-safe.
 */
public final class CsrfTokens {

    /** The request header the console sends the token in. */
    public static final String HEADER = "X-CSRF-Token";

    // a distinct label, so the token is not the MAC of the same input under another use of the key
    private static final String LABEL = "rampart-csrf-v1:";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretMac mac;

    /** @param serverKey at least 32 random bytes, from a secret source; copied */
    public CsrfTokens(byte[] serverKey) {
        this.mac = new SecretMac(serverKey);
    }

    public String tokenFor(String sessionId) {
        return ENCODER.encodeToString(macOf(sessionId));
    }

    /** Whether {@code presented} is the token of {@code sessionId}; compared in constant time. */
    public boolean matches(String sessionId, String presented) {
        if (sessionId == null || presented == null || presented.length() != 43) {
            return false;
        }
        byte[] decoded;
        try {
            decoded = DECODER.decode(presented);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return SecretMac.sameHash(macOf(sessionId), decoded);
    }

    private byte[] macOf(String sessionId) {
        return mac.mac((LABEL + Objects.requireNonNull(sessionId, "sessionId")).getBytes(StandardCharsets.US_ASCII));
    }
}
