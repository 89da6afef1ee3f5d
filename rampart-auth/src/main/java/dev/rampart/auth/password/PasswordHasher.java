package dev.rampart.auth.password;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Hashes and verifies passwords with Argon2id (RFC 9106), stored as PHC strings.
 *
 * <pre>{@code
 * PasswordHasher hasher = PasswordHasher.withDefaults();     // m=64 MiB, t=3, p=4
 * String stored = hasher.hash(password);                     // $argon2id$v=19$m=65536,t=3,p=4$...
 * PasswordVerification v = hasher.verifyAndUpgrade(attempt, stored);
 * if (v.matches()) v.upgradedHash().ifPresent(store::replaceHash);
 * }</pre>
 *
 * <p>Passwords are normalised to NFKC and encoded as UTF-8 before hashing (NIST SP 800-63B §5.1.1.2),
 * so the same password typed on keyboards that compose characters differently verifies. Thread-safe.
 */
public final class PasswordHasher {

    static final int SALT_LENGTH = 16;
    static final int HASH_LENGTH = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Argon2idParameters parameters;
    /** A hash of a random password, verified when the account does not exist: see {@link #verifyForUnknownAccount}. */
    private final PhcString decoy;

    private PasswordHasher(Argon2idParameters parameters) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        byte[] salt = randomSalt();
        this.decoy = new PhcString(parameters, salt, new byte[HASH_LENGTH]);
    }

    /** RFC 9106's second recommended option, {@link Argon2idParameters#DEFAULT}. */
    public static PasswordHasher withDefaults() {
        return new PasswordHasher(Argon2idParameters.DEFAULT);
    }

    public static PasswordHasher with(Argon2idParameters parameters) {
        return new PasswordHasher(parameters);
    }

    public Argon2idParameters parameters() {
        return parameters;
    }

    /** A new PHC string for this password, with a fresh 16-byte random salt and a 32-byte tag. */
    public String hash(CharSequence password) {
        byte[] salt = randomSalt();
        byte[] secret = utf8(password);
        try {
            return new PhcString(parameters, salt, Argon2id.derive(secret, salt, parameters, HASH_LENGTH)).encode();
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /**
     * Whether the password matches the stored hash, with the parameters written in that hash.
     *
     * @throws MalformedPasswordHashException when {@code encoded} is not an Argon2id PHC string
     */
    public boolean verify(CharSequence password, String encoded) {
        return matches(password, PhcString.parse(encoded));
    }

    /**
     * Verifies, and when the password matched a hash whose parameters, salt or tag length differ from
     * this hasher's, also hashes it again: store {@link PasswordVerification#upgradedHash()} in place
     * of the old one. The plaintext is only available at login, so this is the one moment to upgrade.
     */
    public PasswordVerification verifyAndUpgrade(CharSequence password, String encoded) {
        PhcString stored = PhcString.parse(encoded);
        if (!matches(password, stored)) {
            return PasswordVerification.MISMATCH;
        }
        return isCurrent(stored) ? PasswordVerification.MATCH
                : new PasswordVerification(true, Optional.of(hash(password)));
    }

    /** Whether the stored hash was made with other parameters than this hasher's. */
    public boolean needsRehash(String encoded) {
        return !isCurrent(PhcString.parse(encoded));
    }

    /**
     * Spends the time of a verification and returns false. Call it when the user name is unknown, so
     * that the response time does not tell an attacker which accounts exist (user enumeration by timing).
     */
    public boolean verifyForUnknownAccount(CharSequence password) {
        matches(password, decoy);
        return false;
    }

    private boolean isCurrent(PhcString stored) {
        return stored.parameters().equals(parameters)
                && stored.salt().length == SALT_LENGTH && stored.hash().length == HASH_LENGTH;
    }

    private static boolean matches(CharSequence password, PhcString stored) {
        byte[] secret = utf8(password);
        try {
            byte[] actual = Argon2id.derive(secret, stored.salt(), stored.parameters(), stored.hash().length);
            // Constant-time comparison: an early exit would leak how many leading bytes matched.
            return MessageDigest.isEqual(actual, stored.hash());
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private static byte[] randomSalt() {
        byte[] salt = new byte[SALT_LENGTH];
        RANDOM.nextBytes(salt);
        return salt;
    }

    static byte[] utf8(CharSequence password) {
        Objects.requireNonNull(password, "password");
        String normalized = Normalizer.normalize(password, Normalizer.Form.NFKC);
        ByteBuffer buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(normalized));
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        if (buffer.hasArray()) {
            Arrays.fill(buffer.array(), (byte) 0);
        }
        return bytes;
    }
}
