package dev.rampart.auth.lockout;

import dev.rampart.auth.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private static final LockoutPolicy ACCOUNT_POLICY = LockoutPolicy.DEFAULT.withMaxFailures(3)
            .withQuickLoginCheck(Duration.ZERO, Duration.ZERO);
    private static final LockoutPolicy CLIENT_POLICY = ACCOUNT_POLICY.withMaxFailures(5);

    private final MutableClock clock = new MutableClock();
    private final BruteForceProtector accounts = new BruteForceProtector(ACCOUNT_POLICY, new InMemoryLockoutStateStore(), clock);
    private final BruteForceProtector clients = new BruteForceProtector(CLIENT_POLICY, new InMemoryLockoutStateStore(), clock);
    private final LoginThrottle throttle = new LoginThrottle(accounts, clients);

    @Test
    void succeedsWhenTheCheckPasses() {
        LoginOutcome outcome = throttle.attempt("alice", "192.0.2.1", () -> true);

        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.reason()).isEqualTo(LoginOutcome.Reason.SUCCEEDED);
        assertThat(outcome.clientMessage()).isEmpty();
    }

    @Test
    void givesTheSameClientMessageForWrongPasswordUnknownUserAndLockedAccount() {
        LoginOutcome wrong = throttle.attempt("alice", "192.0.2.1", () -> false);
        LoginOutcome unknown = throttle.attempt("nobody", "192.0.2.2", () -> false);
        fail("bob", "192.0.2.3", 3);
        LoginOutcome locked = throttle.attempt("bob", "192.0.2.4", () -> true);

        assertThat(locked.reason()).isEqualTo(LoginOutcome.Reason.ACCOUNT_LOCKED);
        assertThat(locked.lockedUntil()).isPresent();
        assertThat(wrong.clientMessage()).isEqualTo(unknown.clientMessage()).isEqualTo(locked.clientMessage())
                .isEqualTo("Invalid username or password.");
    }

    @Test
    void doesNotRunTheCheckWhileTheAccountIsLocked() {
        fail("alice", "192.0.2.1", 3);
        AtomicInteger checks = new AtomicInteger();

        LoginOutcome outcome = throttle.attempt("alice", "198.51.100.7", () -> checks.incrementAndGet() > 0);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(checks).hasValue(0);
    }

    @Test
    void reportsTheLockOnTheFailureThatCausesIt() {
        fail("alice", "192.0.2.1", 2);

        assertThat(throttle.attempt("alice", "192.0.2.1", () -> false).reason()).isEqualTo(LoginOutcome.Reason.ACCOUNT_LOCKED);
    }

    @Test
    void locksUnknownUserNamesLikeRealOnes() {
        fail("ghost", "192.0.2.1", 3);

        assertThat(throttle.attempt("ghost", "192.0.2.9", () -> false).reason()).isEqualTo(LoginOutcome.Reason.ACCOUNT_LOCKED);
    }

    @Test
    void tracksUserNamesRegardlessOfCaseAndSurroundingSpace() {
        throttle.attempt("Alice", "192.0.2.1", () -> false);
        throttle.attempt(" alice ", "192.0.2.2", () -> false);
        throttle.attempt("ALICE", "192.0.2.3", () -> false);

        assertThat(accounts.status("alice").locked()).isTrue();
    }

    @Test
    void locksAClientAddressThatSpraysManyAccounts() {
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(10));
            throttle.attempt("user" + i, "203.0.113.5", () -> false);
        }

        LoginOutcome outcome = throttle.attempt("someone-else", "203.0.113.5", () -> true);

        assertThat(outcome.reason()).isEqualTo(LoginOutcome.Reason.CLIENT_LOCKED);
        assertThat(outcome.clientMessage()).isEqualTo(LoginOutcome.GENERIC_FAILURE);
        assertThat(throttle.attempt("someone-else", "203.0.113.6", () -> true).succeeded()).isTrue();
    }

    @Test
    void aSuccessDoesNotResetTheClientAddressCounter() {
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofSeconds(10));
            throttle.attempt("victim" + i, "203.0.113.5", () -> false);
        }
        throttle.attempt("attacker-own-account", "203.0.113.5", () -> true);
        clock.advance(Duration.ofSeconds(10));
        throttle.attempt("victim9", "203.0.113.5", () -> false);

        assertThat(clients.status("203.0.113.5").locked()).isTrue();
    }

    @Test
    void reportsAPermanentLockForTheAuditLogOnly() {
        BruteForceProtector strict = new BruteForceProtector(ACCOUNT_POLICY.withPermanentLockoutAfter(0),
                new InMemoryLockoutStateStore(), clock);
        LoginThrottle t = new LoginThrottle(strict, clients);
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(10));
            t.attempt("alice", "192.0.2." + i, () -> false);
        }

        LoginOutcome outcome = t.attempt("alice", "192.0.2.50", () -> true);

        assertThat(outcome.reason()).isEqualTo(LoginOutcome.Reason.ACCOUNT_PERMANENTLY_LOCKED);
        assertThat(outcome.clientMessage()).isEqualTo(LoginOutcome.GENERIC_FAILURE);
    }

    private void fail(String user, String address, int count) {
        for (int i = 0; i < count; i++) {
            clock.advance(Duration.ofSeconds(10));
            throttle.attempt(user, address, () -> false);
        }
    }
}
