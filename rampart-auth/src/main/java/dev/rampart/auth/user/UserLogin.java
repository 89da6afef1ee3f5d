package dev.rampart.auth.user;

import dev.rampart.auth.lockout.LoginOutcome;
import dev.rampart.auth.lockout.LoginThrottle;
import dev.rampart.auth.password.PasswordVerification;
import dev.rampart.core.Principal;
import dev.rampart.core.SecurityEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The login authenticator for users: user name, password and, when enrolled, a TOTP or recovery
 * code, through Keycloak-style brute-force protection ({@link LoginThrottle}).
 *
 * <pre>{@code
 * UserLogin login = new UserLogin(users, new LoginThrottle(
 *         new BruteForceProtector(LockoutPolicy.DEFAULT, new StoreBackedLockoutStateStore(store, "account"), clock),
 *         new BruteForceProtector(LockoutPolicy.DEFAULT, new StoreBackedLockoutStateStore(store, "client"), clock)), clock);
 * LoginResult r = login.attempt(new LoginAttempt(name, password, Optional.ofNullable(code), clientIp));
 * eventBus.publish(r.event());
 * if (!r.succeeded()) return deny(401, r.clientMessage());     // identical for every failure
 * IssuedSession s = sessions.create(r.principal().get().id(), preLoginSessionId);
 * }</pre>
 *
 * <p>Unknown user, wrong password, missing or wrong code, disabled and locked account all give the
 * same client answer (OWASP ASVS V2.2, account enumeration), and an unknown user costs the same
 * Argon2id work as a known one (a decoy hash is verified). A user's TOTP is asked for only after the
 * right password, and a missing code counts as a failure, so the code field cannot be used to guess
 * passwords without lockout. A password hashed with older parameters is re-hashed on success.
 *
 * <p><b>Blocking.</b> One Argon2id verification (about a quarter second with the defaults) and
 * several store calls: run it on a worker pool, never on an event loop. Thread-safe.
 */
public final class UserLogin {

    public static final String EVENT_SOURCE = "user-login";
    public static final String SUCCEEDED = "authentication.succeeded";
    public static final String FAILED = "authentication.failed";

    private final Users users;
    private final LoginThrottle throttle;
    private final Clock clock;

    /**
     * @param throttle in a cluster its account and address protectors use {@link StoreBackedLockoutStateStore}s
     *     with distinct namespaces, so every node counts the same failures
     */
    public UserLogin(Users users, LoginThrottle throttle, Clock clock) {
        this.users = Objects.requireNonNull(users, "users");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Never throws for bad credentials; a store outage is a {@link dev.rampart.store.StoreException}. */
    public LoginResult attempt(LoginAttempt attempt) {
        Objects.requireNonNull(attempt, "attempt");
        Check check = new Check(attempt);
        LoginOutcome outcome = throttle.attempt(attempt.username(), attempt.clientAddress(), check::passes);
        return result(outcome, attempt.username(), attempt.clientAddress(), check.user, check.failure, check.factors,
                Map.of());
    }

    /**
     * Asks a logged-in user to prove again who they are before a sensitive change to their own
     * account ("sudo mode", as GitHub asks before new recovery codes): their password, or a current
     * TOTP code when TOTP is enrolled (a recovery code is not accepted). It goes through the same
     * lockout as a login, so a stolen session cannot guess the password without limit. The event
     * carries {@code purpose=reauthentication}.
     *
     * @param password the password, or empty when {@code totpCode} is given
     * @param totpCode a TOTP code, or empty when {@code password} is given
     * @throws IllegalArgumentException unless exactly one of {@code password} and {@code totpCode} is given
     * @throws java.util.NoSuchElementException when there is no user {@code userId}
     */
    public LoginResult reauthenticate(String userId, Optional<String> password, Optional<String> totpCode,
            String clientAddress) {
        Objects.requireNonNull(userId, "userId");
        if (password.isPresent() == totpCode.isPresent()) {
            throw new IllegalArgumentException("give either the password or a current TOTP code, not "
                    + (password.isPresent() ? "both" : "neither"));
        }
        StoredUser user = users.findStored(userId).orElseThrow(() -> new java.util.NoSuchElementException(
                "no user with id '" + userId + "'"));
        LoginFailure[] failure = new LoginFailure[1];
        LoginOutcome outcome = throttle.attempt(user.record().username(), clientAddress, () -> {
            boolean proven = password.isPresent()
                    ? users.hasher().verify(password.get(), user.passwordHash())
                    : user.record().totpEnabled() && users.verifyTotp(user, totpCode.get().strip());
            if (!proven) {
                failure[0] = password.isPresent() ? LoginFailure.WRONG_PASSWORD : LoginFailure.WRONG_SECOND_FACTOR;
            } else if (!user.record().enabled()) {
                failure[0] = LoginFailure.ACCOUNT_DISABLED;
            }
            return failure[0] == null;
        });
        return result(outcome, user.record().username(), clientAddress, user, failure[0],
                password.isPresent() ? "password" : "totp", Map.of("purpose", "reauthentication"));
    }

    /** The result and event of a throttled check; {@code user} null when the name is unknown. */
    private LoginResult result(LoginOutcome outcome, String username, String clientAddress, StoredUser user,
            LoginFailure checkFailure, String factors, Map<String, String> extra) {
        String account = LoginThrottle.accountKey(username);
        Instant now = clock.instant();
        if (outcome.succeeded()) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("account", account);
            details.put("factors", factors);
            details.putAll(extra);
            if (factors.endsWith("recovery-code")) {
                details.put("recovery_codes_remaining", Integer.toString(users.remainingRecoveryCodes(user.record().id())));
            }
            Principal principal = Users.principalOf(user.record());
            return new LoginResult(Optional.of(principal), Optional.empty(), Optional.empty(),
                    new SecurityEvent(now, SUCCEEDED, SecurityEvent.Severity.INFO, EVENT_SOURCE, "login",
                            null, null, clientAddress, principal.id(), details));
        }
        LoginFailure failure = switch (outcome.reason()) {
            case ACCOUNT_LOCKED -> LoginFailure.ACCOUNT_LOCKED;
            case ACCOUNT_PERMANENTLY_LOCKED -> LoginFailure.ACCOUNT_PERMANENTLY_LOCKED;
            case CLIENT_LOCKED -> LoginFailure.CLIENT_LOCKED;
            // the check ran and failed; it knows why (a lock set by this very failure is reported as the lock)
            case INVALID_CREDENTIALS, SUCCEEDED -> checkFailure;
        };
        Map<String, String> details = new LinkedHashMap<>();
        details.put("account", account);
        details.putAll(extra);
        outcome.lockedUntil().ifPresent(until -> details.put("locked_until", until.toString()));
        if (checkFailure != null && checkFailure != failure) {
            details.put("credential_check", checkFailure.code());
        }
        SecurityEvent.Severity severity = failure == LoginFailure.ACCOUNT_LOCKED || failure == LoginFailure.CLIENT_LOCKED
                || failure == LoginFailure.ACCOUNT_PERMANENTLY_LOCKED ? SecurityEvent.Severity.MEDIUM : SecurityEvent.Severity.LOW;
        return new LoginResult(Optional.empty(), Optional.of(failure), outcome.lockedUntil(),
                new SecurityEvent(now, FAILED, severity, EVENT_SOURCE, failure.code(), null, null,
                        clientAddress, user == null ? null : user.record().id(), details));
    }

    /** The credential check run inside the throttle, remembering what it found for the event. */
    private final class Check {
        private final LoginAttempt attempt;
        private StoredUser user;
        private LoginFailure failure;
        private String factors = "password";

        Check(LoginAttempt attempt) {
            this.attempt = attempt;
        }

        boolean passes() {
            Optional<StoredUser> found = users.findForLogin(attempt.username());
            if (found.isEmpty()) {
                users.hasher().verifyForUnknownAccount(attempt.password());
                return fail(LoginFailure.UNKNOWN_USER);
            }
            user = found.get();
            PasswordVerification password = users.hasher().verifyAndUpgrade(attempt.password(), user.passwordHash());
            if (!password.matches()) {
                return fail(LoginFailure.WRONG_PASSWORD);
            }
            if (!user.record().enabled()) {
                return fail(LoginFailure.ACCOUNT_DISABLED);
            }
            if (user.record().totpEnabled() && !secondFactorPasses()) {
                return false;
            }
            password.upgradedHash().ifPresent(newHash -> users.upgradeHash(user, newHash));
            return true;
        }

        private boolean secondFactorPasses() {
            if (attempt.secondFactor().filter(code -> !code.isBlank()).isEmpty()) {
                return fail(LoginFailure.SECOND_FACTOR_REQUIRED);
            }
            String code = attempt.secondFactor().get().strip();
            boolean totpShaped = code.chars().allMatch(c -> c >= '0' && c <= '9');
            if (totpShaped ? users.verifyTotp(user, code) : users.redeemRecoveryCode(user.record().id(), code)) {
                factors = totpShaped ? "password,totp" : "password,recovery-code";
                return true;
            }
            return fail(LoginFailure.WRONG_SECOND_FACTOR);
        }

        private boolean fail(LoginFailure reason) {
            failure = reason;
            return false;
        }
    }
}
