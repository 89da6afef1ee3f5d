package dev.rampart.core.config;

import java.time.Duration;

/**
 * The accounts of the console and admin API ({@code users:}): the key their TOTP secrets are
 * encrypted under, the password rules and hashing cost, and the brute-force lockout of logins.
 */
public record UsersConfig(
        @Secret @Doc("AES-256 key the users' TOTP secrets are encrypted under: base64 of 32 random bytes, referenced "
                + "as ${file:/run/secrets/totp-key} or ${ENV}. Default: generated at first start and kept in the store "
                + "(under the master key when one is configured). Changing it makes enrolled TOTP secrets unreadable.")
        String totpKey,
        @Doc("Failed logins of one account or one client address before it is locked for a while (the wait grows "
                + "with each further failure, up to 15m). Default 30.")
        Integer maxLoginFailures,
        @Doc("Failed logins from one client address, over all accounts, before the address is locked the same way. "
                + "Default 100: higher than max-login-failures so that users behind one proxy do not lock each other "
                + "out, low enough to slow password spraying.")
        Integer maxClientFailures,
        @Doc("A failure sooner than this after the previous one (of the account or the address) is taken for a "
                + "script and locks it for 1m at once. Default 1s; 0s turns the check off.")
        Duration quickLoginCheck,
        @Doc("How long the first lockout lasts; each further round of max-login-failures adds as much again, up "
                + "to max-lockout-duration. Default 1m; 1s to max-lockout-duration allowed.")
        Duration lockoutDuration,
        @Doc("The longest a lockout lasts. Default 15m; lockout-duration to 24h allowed.")
        Duration maxLockoutDuration,
        @Doc("Failures older than this are forgotten (counted from the last failure). Default 12h; 1m to 30d allowed.")
        Duration failureWindow,
        @Doc("After this many temporary lockouts of an account, the next one is permanent until an administrator "
                + "unlocks it (POST /admin/users/{name}/unlock, rampart users unlock). Default: off, because a "
                + "permanent lock lets anyone who knows a user name deny that user service; 0 to 100 allowed. Applies "
                + "to accounts only, never to client addresses (users behind one proxy would lock each other out).")
        Integer permanentLockoutAfter,
        @Doc("How long a user name and password verified for HTTP Basic on a route (authentication.users.basic) "
                + "are remembered, so that not every API call pays an Argon2id hash. Changes to the user through this "
                + "gateway (password, roles, disable, delete, TOTP) drop it at once; changes made by another node or "
                + "the CLI apply when it expires. Default 5m; 0s (no cache) to 1h allowed.")
        Duration basicCacheTtl,
        @Doc("Rules for new passwords: length and history.") PasswordRulesConfig password,
        @Doc("Argon2id cost of new password hashes. Older hashes still verify and are re-made with these at the "
                + "user's next login.") Argon2idConfig argon2id) {

    public UsersConfig {
        maxLoginFailures = maxLoginFailures == null ? 30 : maxLoginFailures;
        maxClientFailures = maxClientFailures == null ? 100 : maxClientFailures;
        quickLoginCheck = quickLoginCheck == null ? Duration.ofSeconds(1) : quickLoginCheck;
        lockoutDuration = lockoutDuration == null ? Duration.ofMinutes(1) : lockoutDuration;
        maxLockoutDuration = maxLockoutDuration == null ? Duration.ofMinutes(15) : maxLockoutDuration;
        failureWindow = failureWindow == null ? Duration.ofHours(12) : failureWindow;
        basicCacheTtl = basicCacheTtl == null ? Duration.ofMinutes(5) : basicCacheTtl;
        password = password == null ? PasswordRulesConfig.defaults() : password;
        argon2id = argon2id == null ? Argon2idConfig.defaults() : argon2id;
    }

    public static UsersConfig defaults() {
        return new UsersConfig(null, null, null, null, null, null, null, null, null, null, null);
    }
}
