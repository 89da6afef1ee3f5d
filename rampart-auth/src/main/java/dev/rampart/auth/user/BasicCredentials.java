package dev.rampart.auth.user;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * The user name and password of an {@code Authorization: Basic} header (RFC 7617), decoded as
 * UTF-8 (the {@code charset="UTF-8"} the challenge announces, §2.1).
 *
 * <pre>{@code
 * if (BasicCredentials.isBasic(header)) {
 *     BasicCredentials c = BasicCredentials.parse(header);   // IllegalArgumentException when malformed
 *     basicLogin.authenticate(c.username(), c.password(), clientIp);
 * }
 * }</pre>
 *
 * <p>{@link #toString()} never shows the password.
 */
public record BasicCredentials(String username, String password) {

    private static final String SCHEME = "Basic ";

    public BasicCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    /** Whether {@code authorization} uses the Basic scheme (case-insensitive, RFC 9110 §11.1). */
    public static boolean isBasic(String authorization) {
        return authorization.length() >= SCHEME.length() && authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    /**
     * Decodes a Basic credential: base64 of {@code user-id ":" password} in UTF-8, the user id
     * non-empty, without control characters (RFC 7617 §2).
     *
     * @throws IllegalArgumentException saying what is wrong (never quoting the credential) when it is
     *     not Basic, not base64, not UTF-8, has no colon, or an empty or unprintable user id
     */
    public static BasicCredentials parse(String authorization) {
        if (!isBasic(authorization)) {
            throw new IllegalArgumentException("the Authorization header is not 'Basic <base64>'");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(authorization.substring(SCHEME.length()).strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the Basic credential is not base64");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(decoded)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the Basic credential is not UTF-8");
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("the Basic credential has no ':' between user name and password");
        }
        String username = text.substring(0, colon);
        if (username.isBlank() || username.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("the Basic credential's user name is empty or has control characters");
        }
        return new BasicCredentials(username, text.substring(colon + 1));
    }

    @Override
    public String toString() {
        return "BasicCredentials[username=" + username + "]";
    }
}
