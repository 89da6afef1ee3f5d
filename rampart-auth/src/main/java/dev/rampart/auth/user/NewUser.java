package dev.rampart.auth.user;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link Users#create} needs. The password is checked against the policy (including "not the
 * user name or email") and only its Argon2id hash is stored.
 */
public record NewUser(String username, Optional<String> email, Set<String> roles, CharSequence password) {

    public NewUser {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(email, "email");
        roles = Set.copyOf(roles);
        Objects.requireNonNull(password, "password");
    }

    /** The password never appears in logs through this record. */
    @Override
    public String toString() {
        return "NewUser[username=" + username + ", email=" + email + ", roles=" + roles + "]";
    }
}
