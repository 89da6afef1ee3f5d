package dev.rampart.auth.password;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link PasswordPolicy} needs to know about the account whose password is being set: its
 * user name, its email address if any, and its previous password hashes, newest first.
 */
public record PasswordOwner(String username, Optional<String> email, List<String> previousHashes) {

    public PasswordOwner {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(email, "email");
        previousHashes = List.copyOf(previousHashes);
    }

    public static PasswordOwner of(String username) {
        return new PasswordOwner(username, Optional.empty(), List.of());
    }

    public PasswordOwner withEmail(String email) {
        return new PasswordOwner(username, Optional.of(email), previousHashes);
    }

    public PasswordOwner withPreviousHashes(List<String> newestFirst) {
        return new PasswordOwner(username, email, newestFirst);
    }
}
