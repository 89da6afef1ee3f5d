package dev.rampart.auth.password;

import java.util.Optional;

/**
 * The result of {@link PasswordHasher#verifyAndUpgrade}: whether the password matched and, when it
 * matched a hash made with other parameters than the hasher's, the new hash to store in its place.
 */
public record PasswordVerification(boolean matches, Optional<String> upgradedHash) {

    static final PasswordVerification MISMATCH = new PasswordVerification(false, Optional.empty());
    static final PasswordVerification MATCH = new PasswordVerification(true, Optional.empty());

    public PasswordVerification {
        if (!matches && upgradedHash.isPresent()) {
            throw new IllegalArgumentException("a mismatch never carries an upgraded hash");
        }
    }
}
