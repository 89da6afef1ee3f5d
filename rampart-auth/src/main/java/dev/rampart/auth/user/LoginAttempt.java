package dev.rampart.auth.user;

import java.util.Objects;
import java.util.Optional;

/**
 * What a login form submits.
 *
 * @param secondFactor a TOTP code (digits only) or a recovery code; required when the user has TOTP
 * @param clientAddress the client IP as text, for the per-address lockout and the event
 */
public record LoginAttempt(String username, CharSequence password, Optional<String> secondFactor, String clientAddress) {

    public LoginAttempt {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(secondFactor, "secondFactor");
        Objects.requireNonNull(clientAddress, "clientAddress");
    }

    @Override
    public String toString() {
        return "LoginAttempt[username=" + username + ", clientAddress=" + clientAddress + "]";
    }
}
