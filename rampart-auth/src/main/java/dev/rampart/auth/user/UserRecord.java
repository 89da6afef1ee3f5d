package dev.rampart.auth.user;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A user as the admin API and the console show it: never a password hash or a TOTP secret.
 *
 * @param id stable identifier, the {@link dev.rampart.core.Principal#id()} of the user's logins
 * @param username the login name as given at creation; logins match it ignoring case
 * @param totpEnabled whether a login needs a TOTP or recovery code after the password
 */
public record UserRecord(String id, String username, Optional<String> email, Set<String> roles, boolean enabled,
        Instant createdAt, Instant passwordChangedAt, boolean totpEnabled) {

    public UserRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(email, "email");
        roles = Set.copyOf(roles);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(passwordChangedAt, "passwordChangedAt");
    }
}
