package dev.rampart.auth.lockout;

import java.util.Locale;
import java.util.Objects;
import java.text.Normalizer;

/**
 * The login decision: per-account and per-client-address brute-force protection around the
 * caller's credential check.
 *
 * <pre>{@code
 * LoginThrottle throttle = new LoginThrottle(accounts, clients);
 * LoginOutcome outcome = throttle.attempt(username, clientIp, () -> user.isPresent()
 *         ? hasher.verify(password, user.get().passwordHash())
 *         : hasher.verifyForUnknownAccount(password));
 * if (!outcome.succeeded()) return deny(401, outcome.clientMessage());   // same answer for every failure
 * }</pre>
 *
 * <p>When the account or the address is locked the check is not run at all, so a correct password
 * does not get through a lock, and locked accounts cost no hashing. Unknown user names are tracked
 * and locked like real ones, so lockout does not reveal which accounts exist. A success clears
 * the account's failures but not the address's: otherwise a sprayer holding one valid account could
 * reset its own counter between guesses at other accounts.
 */
public final class LoginThrottle {

    /** The caller's check of the submitted credentials. */
    @FunctionalInterface
    public interface CredentialCheck {
        boolean passes();
    }

    private final BruteForceProtector accounts;
    private final BruteForceProtector clients;

    public LoginThrottle(BruteForceProtector accounts, BruteForceProtector clients) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.clients = Objects.requireNonNull(clients, "clients");
    }

    public LoginOutcome attempt(String username, String clientAddress, CredentialCheck check) {
        String account = accountKey(username);
        LockoutStatus client = clients.status(clientAddress);
        if (client.locked()) {
            return new LoginOutcome(false, LoginOutcome.Reason.CLIENT_LOCKED, client.lockedUntil());
        }
        LockoutStatus status = accounts.status(account);
        if (status.locked()) {
            return locked(status);
        }
        if (check.passes()) {
            accounts.recordSuccess(account);
            return LoginOutcome.SUCCESS;
        }
        clients.recordFailure(clientAddress);
        LockoutStatus after = accounts.recordFailure(account);
        return after.locked() ? locked(after) : LoginOutcome.INVALID;
    }

    /**
     * The key an account is tracked by: NFKC, lower case, trimmed, so {@code Alice} and {@code alice }
     * share one counter and cannot be used to get twice the tries.
     */
    public static String accountKey(String username) {
        return Normalizer.normalize(Objects.requireNonNull(username, "username"), Normalizer.Form.NFKC)
                .strip().toLowerCase(Locale.ROOT);
    }

    private static LoginOutcome locked(LockoutStatus status) {
        return new LoginOutcome(false, status.permanent() ? LoginOutcome.Reason.ACCOUNT_PERMANENTLY_LOCKED
                : LoginOutcome.Reason.ACCOUNT_LOCKED, status.lockedUntil());
    }
}
