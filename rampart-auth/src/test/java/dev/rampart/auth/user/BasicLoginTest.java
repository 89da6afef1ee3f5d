package dev.rampart.auth.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.auth.MutableClock;
import dev.rampart.auth.lockout.BruteForceProtector;
import dev.rampart.auth.lockout.InMemoryLockoutStateStore;
import dev.rampart.auth.lockout.LockoutPolicy;
import dev.rampart.auth.lockout.LoginThrottle;
import dev.rampart.auth.password.Argon2idParameters;
import dev.rampart.auth.password.PasswordHasher;
import dev.rampart.auth.password.PasswordPolicy;
import dev.rampart.auth.totp.InMemoryUsedTimeSteps;
import dev.rampart.auth.totp.TotpParameters;
import dev.rampart.auth.totp.TotpSecret;
import dev.rampart.auth.totp.TotpVerifier;
import dev.rampart.core.config.StoreConfig;
import dev.rampart.store.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link BasicLogin} over a real (SQLite) store: the lockout it shares with logins, and its cache. */
class BasicLoginTest {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String IP = "192.0.2.7";

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock();
    Store store;
    Users users;
    BasicLogin basic;
    UserRecord alice;

    @BeforeEach
    void open() {
        store = Store.open(new StoreConfig(StoreConfig.Kind.sqlite, "data", null, null, null, null), dir);
        users = new Users(store, PasswordHasher.with(new Argon2idParameters(8, 1, 1)), PasswordPolicy.builder().build(),
                "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII), clock);
        LockoutPolicy lockout = LockoutPolicy.DEFAULT.withMaxFailures(3);
        UserLogin login = new UserLogin(users, new LoginThrottle(
                new BruteForceProtector(lockout, new InMemoryLockoutStateStore(), clock),
                new BruteForceProtector(lockout.withMaxFailures(100), new InMemoryLockoutStateStore(), clock)), clock);
        basic = new BasicLogin(users, login, Duration.ofMinutes(5), 100, clock);
        alice = users.create(new NewUser("Alice", Optional.empty(), Set.of("reader"), PASSWORD));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private LoginResult attempt(String name, String password) {
        clock.advance(Duration.ofSeconds(2));   // slower than the quick-login check
        return basic.authenticate(name, password, IP);
    }

    @Test
    void acceptsTheRightPasswordWithTheUsersPrincipal() {
        LoginResult r = attempt("alice", PASSWORD);
        assertThat(r.succeeded()).isTrue();
        assertThat(r.principal().get().id()).isEqualTo(alice.id());
        assertThat(r.principal().get().roles()).containsExactly("reader");
    }

    @Test
    void aSecondCheckWithinTheTtlComesFromTheCacheWithoutArgon2id() {
        attempt("alice", PASSWORD);
        assertThat(basic.cachedPrincipal("ALICE", PASSWORD)).isPresent();
        LoginResult again = attempt("Alice", PASSWORD);
        assertThat(again.succeeded()).isTrue();
        assertThat(again.event().details()).containsEntry("cached", "true");
        assertThat(basic.verifications()).isEqualTo(1);
    }

    @Test
    void aWrongPasswordIsNeverAnsweredFromTheCache() {
        attempt("alice", PASSWORD);
        assertThat(basic.cachedPrincipal("alice", PASSWORD + "x")).isEmpty();
        assertThat(attempt("alice", PASSWORD + "x").failure()).contains(LoginFailure.WRONG_PASSWORD);
        assertThat(basic.verifications()).isEqualTo(2);
    }

    @Test
    void cachedChecksExpireAfterTheTtl() {
        attempt("alice", PASSWORD);
        clock.advance(Duration.ofMinutes(5));
        assertThat(basic.cachedPrincipal("alice", PASSWORD)).isEmpty();
        assertThat(attempt("alice", PASSWORD).succeeded()).isTrue();
        assertThat(basic.verifications()).isEqualTo(2);
    }

    @Test
    void aPasswordChangeDropsTheCachedCheckAtOnce() {
        attempt("alice", PASSWORD);
        users.changePassword(alice.id(), "a completely new passphrase");
        assertThat(basic.cachedPrincipal("alice", PASSWORD)).isEmpty();
        assertThat(attempt("alice", PASSWORD).failure()).contains(LoginFailure.WRONG_PASSWORD);
    }

    @Test
    void disablingDeletingOrChangingRolesDropsTheCachedCheck() {
        attempt("alice", PASSWORD);
        users.setRoles(alice.id(), Set.of("writer"));
        assertThat(basic.cachedPrincipal("alice", PASSWORD)).isEmpty();
        assertThat(attempt("alice", PASSWORD).principal().get().roles()).containsExactly("writer");

        users.disable(alice.id());
        assertThat(basic.cachedPrincipal("alice", PASSWORD)).isEmpty();
        assertThat(attempt("alice", PASSWORD).failure()).contains(LoginFailure.ACCOUNT_DISABLED);

        users.enable(alice.id());
        attempt("alice", PASSWORD);
        users.delete(alice.id());
        assertThat(basic.cachedPrincipal("alice", PASSWORD)).isEmpty();
        assertThat(attempt("alice", PASSWORD).failure()).contains(LoginFailure.UNKNOWN_USER);
    }

    @Test
    void aUserWithTotpIsRefusedBecauseBasicCarriesNoCode() {
        attempt("alice", PASSWORD);
        TotpSecret secret = TotpSecret.fromBase32(users.startTotpEnrolment(alice.id(), "Rampart").manualEntrySecret());
        users.confirmTotp(alice.id(), new TotpVerifier(TotpParameters.DEFAULT, new InMemoryUsedTimeSteps(), clock)
                .codeAt(secret, clock.instant()));
        assertThat(basic.cachedPrincipal("alice", PASSWORD)).isEmpty();
        assertThat(attempt("alice", PASSWORD).failure()).contains(LoginFailure.SECOND_FACTOR_REQUIRED);
    }

    @Test
    void failuresCountTowardsTheLockoutSharedWithLoginsAndTheRightPasswordIsThenRefused() {
        for (int i = 0; i < 3; i++) {
            assertThat(attempt("alice", "wrong " + i).succeeded()).isFalse();
        }
        LoginResult locked = attempt("alice", PASSWORD);
        assertThat(locked.failure()).contains(LoginFailure.ACCOUNT_LOCKED);
        assertThat(locked.clientMessage()).isEqualTo(attempt("nobody", PASSWORD).clientMessage());
    }

    @Test
    void aZeroTtlTurnsTheCacheOff() {
        BasicLogin uncached = new BasicLogin(users, new UserLogin(users, new LoginThrottle(
                new BruteForceProtector(LockoutPolicy.DEFAULT, new InMemoryLockoutStateStore(), clock),
                new BruteForceProtector(LockoutPolicy.DEFAULT, new InMemoryLockoutStateStore(), clock)), clock),
                Duration.ZERO, 1, clock);
        clock.advance(Duration.ofSeconds(2));
        uncached.authenticate("alice", PASSWORD, IP);
        clock.advance(Duration.ofSeconds(2));
        uncached.authenticate("alice", PASSWORD, IP);
        assertThat(uncached.cachedPrincipal("alice", PASSWORD)).isEmpty();
        assertThat(uncached.verifications()).isEqualTo(2);
    }
}
