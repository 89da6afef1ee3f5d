package dev.rampart.auth.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.auth.MutableClock;
import dev.rampart.auth.lockout.BruteForceProtector;
import dev.rampart.auth.lockout.LockoutPolicy;
import dev.rampart.auth.lockout.LockoutState;
import dev.rampart.auth.lockout.LoginOutcome;
import dev.rampart.auth.lockout.LoginThrottle;
import dev.rampart.auth.password.Argon2idParameters;
import dev.rampart.auth.password.PasswordBlocklist;
import dev.rampart.auth.password.PasswordHasher;
import dev.rampart.auth.password.PasswordPolicy;
import dev.rampart.auth.password.PolicyViolation;
import dev.rampart.auth.totp.InMemoryUsedTimeSteps;
import dev.rampart.auth.totp.TotpParameters;
import dev.rampart.auth.totp.TotpSecret;
import dev.rampart.auth.totp.TotpVerifier;
import dev.rampart.core.Principal;
import dev.rampart.core.SecurityEvent;
import dev.rampart.store.Store;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@link Users} and {@link UserLogin} do against a real store; run on SQLite and on PostgreSQL. */
abstract class UsersBehaviourTest {

    static final byte[] TOTP_KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** Cheap parameters: the tests check the flows, not the cost (RFC 9106 vectors are in PasswordHasherTest). */
    static final Argon2idParameters FAST = new Argon2idParameters(8, 1, 1);
    static final String PASSWORD = "correct horse battery staple";
    static final String IP = "192.0.2.10";

    final MutableClock clock = new MutableClock();
    final PasswordPolicy policy = PasswordPolicy.builder()
            .blocklist(PasswordBlocklist.of(List.of("password password"))).history(3).build();
    Store store;
    Users users;
    UserLogin login;

    abstract Store openStore();

    @BeforeEach
    void open() {
        store = openStore();
        users = users(FAST, TOTP_KEY);
        login = login(users, LockoutPolicy.DEFAULT.withMaxFailures(3));
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    Users users(Argon2idParameters parameters, byte[] totpKey) {
        return new Users(store, PasswordHasher.with(parameters), policy, totpKey, clock);
    }

    /** A login over store-backed lockout state: what a restarted or second gateway would build. */
    UserLogin login(Users over, LockoutPolicy lockout) {
        return new UserLogin(over, new LoginThrottle(
                new BruteForceProtector(lockout, new StoreBackedLockoutStateStore(store, "account"), clock),
                new BruteForceProtector(lockout.withMaxFailures(100), new StoreBackedLockoutStateStore(store, "client"), clock)),
                clock);
    }

    UserRecord alice() {
        return users.create(new NewUser("Alice", Optional.of("alice@example.com"), Set.of("admin"), PASSWORD));
    }

    LoginResult attempt(String username, String password, String code) {
        // people type slower than Keycloak's quick-login check (1 s); a test that does not wait is a script
        clock.advance(Duration.ofSeconds(2));
        return login.attempt(new LoginAttempt(username, password, Optional.ofNullable(code), IP));
    }

    String storedColumn(String column, String id) throws SQLException {
        try (Connection c = store.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + column + " FROM users WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                return r.getString(1);
            }
        }
    }

    // --- users ---

    @Test
    void createsUserWhoseRecordsCarryNoSecret() throws SQLException {
        UserRecord alice = alice();

        assertThat(users.get(alice.id())).contains(alice);
        assertThat(users.findByUsername(" ALICE ")).contains(alice);
        assertThat(users.list()).containsExactly(alice);
        assertThat(alice.roles()).containsExactly("admin");
        assertThat(alice.enabled()).isTrue();
        assertThat(alice.totpEnabled()).isFalse();
        assertThat(Arrays.stream(UserRecord.class.getRecordComponents()).map(c -> c.getName()))
                .noneMatch(name -> name.toLowerCase().contains("hash") || name.toLowerCase().contains("secret"));
        assertThat(storedColumn("password_hash", alice.id())).startsWith("$argon2id$v=19$m=8,t=1,p=1$")
                .doesNotContain(PASSWORD);
    }

    @Test
    void refusesPasswordsThatContainTheUsernameOrEmailOrAreBlocklisted() {
        assertThatThrownBy(() -> users.create(new NewUser("margaret", Optional.of("peggy.smith@example.com"), Set.of(),
                "margaret-and-peggy.smith-forever")))
                .isInstanceOfSatisfying(PasswordRejectedException.class, e -> {
                    assertThat(e.violations()).extracting(PolicyViolation::rule)
                            .contains(PolicyViolation.Rule.CONTAINS_USERNAME, PolicyViolation.Rule.CONTAINS_EMAIL);
                    assertThat(e.getMessage()).doesNotContain("forever");
                });
        assertThatThrownBy(() -> users.create(new NewUser("bob", Optional.empty(), Set.of(), "Password Password")))
                .isInstanceOfSatisfying(PasswordRejectedException.class, e -> assertThat(e.violations())
                        .extracting(PolicyViolation::rule).contains(PolicyViolation.Rule.BLOCKLISTED));
        assertThat(users.list()).isEmpty();
    }

    @Test
    void refusesASecondUserWithTheSameNameInAnotherCase() {
        alice();
        assertThatThrownBy(() -> users.create(new NewUser("alice", Optional.empty(), Set.of(), "another long passphrase")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already exists");
    }

    @Test
    void refusesMalformedUsernamesAndEmails() {
        assertThatThrownBy(() -> users.create(new NewUser("  ", Optional.empty(), Set.of(), PASSWORD)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 64 characters");
        assertThatThrownBy(() -> users.create(new NewUser("carol", Optional.of("carol.example.com"), Set.of(), PASSWORD)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'@'");
    }

    @Test
    void changingThePasswordRefusesTheCurrentAndTheLastTwoAndAllowsAnOlderOne() {
        UserRecord alice = alice();
        List<String> passwords = List.of("second long passphrase", "third long passphrase", "fourth long passphrase");
        for (String next : passwords) {
            clock.advance(Duration.ofMinutes(1));
            users.changePassword(alice.id(), next);
        }
        // history(3): the current password and the two before it
        for (String recent : passwords) {
            assertThatThrownBy(() -> users.changePassword(alice.id(), recent))
                    .isInstanceOfSatisfying(PasswordRejectedException.class, e -> assertThat(e.violations())
                            .extracting(PolicyViolation::rule).containsExactly(PolicyViolation.Rule.REUSED));
        }
        clock.advance(Duration.ofMinutes(1));
        users.changePassword(alice.id(), PASSWORD);

        assertThat(attempt("alice", PASSWORD, null).succeeded()).isTrue();
        assertThat(attempt("alice", "fourth long passphrase", null).succeeded()).isFalse();
        assertThat(users.get(alice.id()).orElseThrow().passwordChangedAt()).isEqualTo(clock.instant().minusSeconds(4));
    }

    @Test
    void disablesEnablesChangesRolesAndDeletes() {
        UserRecord alice = alice();
        users.disable(alice.id());
        assertThat(users.get(alice.id()).orElseThrow().enabled()).isFalse();
        assertThat(users.principal(alice.id())).isEmpty();
        users.enable(alice.id());
        users.setRoles(alice.id(), Set.of("viewer", "auditor"));
        assertThat(users.principal(alice.id()).orElseThrow().roles()).containsExactlyInAnyOrder("viewer", "auditor");

        users.delete(alice.id());
        assertThat(users.get(alice.id())).isEmpty();
        assertThatThrownBy(() -> users.delete(alice.id())).isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("rampart users list");
        assertThatThrownBy(() -> users.disable("nobody")).isInstanceOf(NoSuchElementException.class);
    }

    // --- login ---

    @Test
    void loginGivesAUserPrincipalAndASuccessEvent() {
        UserRecord alice = alice();

        LoginResult result = attempt(" alice", PASSWORD, null);

        assertThat(result.succeeded()).isTrue();
        Principal principal = result.principal().orElseThrow();
        assertThat(principal.id()).isEqualTo(alice.id());
        assertThat(principal.type()).isEqualTo(Principal.Type.USER);
        assertThat(principal.authenticator()).isEqualTo(Users.AUTHENTICATOR);
        assertThat(principal.roles()).containsExactly("admin");
        assertThat(result.clientMessage()).isEmpty();
        SecurityEvent event = result.event();
        assertThat(event.type()).isEqualTo("authentication.succeeded");
        assertThat(event.principalId()).isEqualTo(alice.id());
        assertThat(event.clientIp()).isEqualTo(IP);
        assertThat(event.details()).containsEntry("account", "alice").containsEntry("factors", "password");
    }

    @Test
    void unknownUserWrongPasswordAndDisabledAccountLookAlikeToTheClient() {
        UserRecord alice = alice();
        UserRecord bob = users.create(new NewUser("bob", Optional.empty(), Set.of(), "a second long passphrase"));
        users.disable(bob.id());

        LoginResult unknown = attempt("mallory", PASSWORD, null);
        LoginResult wrong = attempt("alice", "wrong long passphrase", null);
        LoginResult disabled = attempt("bob", "a second long passphrase", null);

        for (LoginResult r : List.of(unknown, wrong, disabled)) {
            assertThat(r.succeeded()).isFalse();
            assertThat(r.clientMessage()).isEqualTo(LoginOutcome.GENERIC_FAILURE);
            assertThat(r.lockedUntil()).isEmpty();
            assertThat(r.event().type()).isEqualTo("authentication.failed");
            assertThat(r.event().details().toString()).doesNotContain(PASSWORD).doesNotContain("passphrase");
        }
        assertThat(unknown.failure()).contains(LoginFailure.UNKNOWN_USER);
        assertThat(unknown.event().principalId()).isNull();
        assertThat(unknown.event().details()).containsEntry("account", "mallory");
        assertThat(wrong.failure()).contains(LoginFailure.WRONG_PASSWORD);
        assertThat(wrong.event().code()).isEqualTo("wrong-password");
        assertThat(wrong.event().principalId()).isEqualTo(alice.id());
        assertThat(disabled.failure()).contains(LoginFailure.ACCOUNT_DISABLED);
    }

    @Test
    void locksTheAccountAfterMaxFailuresEvenForTheRightPasswordAndAcrossGatewayRestarts() {
        alice();
        attempt("alice", "wrong long passphrase 1", null);
        attempt("alice", "wrong long passphrase 2", null);
        LoginResult third = attempt("alice", "wrong long passphrase 3", null);
        assertThat(third.failure()).contains(LoginFailure.ACCOUNT_LOCKED);
        assertThat(third.event().details()).containsEntry("credential_check", "wrong-password");

        // another gateway over the same store: the lock is shared
        login = login(users(FAST, TOTP_KEY), LockoutPolicy.DEFAULT.withMaxFailures(3));
        LoginResult locked = attempt("alice", PASSWORD, null);
        assertThat(locked.succeeded()).isFalse();
        assertThat(locked.failure()).contains(LoginFailure.ACCOUNT_LOCKED);
        assertThat(locked.clientMessage()).isEqualTo(LoginOutcome.GENERIC_FAILURE);
        assertThat(locked.lockedUntil()).isPresent();

        clock.advance(LockoutPolicy.DEFAULT.waitIncrement());
        assertThat(attempt("alice", PASSWORD, null).succeeded()).isTrue();
    }

    @Test
    void unknownUserNamesAreLockedLikeRealOnes() {
        for (int i = 0; i < 3; i++) {
            attempt("ghost", "wrong long passphrase", null);
        }
        LoginResult r = attempt("ghost", "wrong long passphrase", null);
        assertThat(r.failure()).contains(LoginFailure.ACCOUNT_LOCKED);
        assertThat(r.clientMessage()).isEqualTo(LoginOutcome.GENERIC_FAILURE);
    }

    @Test
    void rehashesAPasswordStoredWithOldParametersAtTheNextLogin() throws SQLException {
        UserRecord alice = alice();
        Argon2idParameters raised = new Argon2idParameters(16, 2, 1);
        login = login(users(raised, TOTP_KEY), LockoutPolicy.DEFAULT);

        assertThat(attempt("alice", PASSWORD, null).succeeded()).isTrue();

        assertThat(storedColumn("password_hash", alice.id())).startsWith("$argon2id$v=19$m=16,t=2,p=1$");
        assertThat(attempt("alice", PASSWORD, null).succeeded()).isTrue();
        assertThat(users.get(alice.id()).orElseThrow().passwordChangedAt()).isEqualTo(alice.passwordChangedAt());
    }

    // --- TOTP ---

    String currentCode(String base32) {
        return new TotpVerifier(TotpParameters.DEFAULT, new InMemoryUsedTimeSteps(), clock)
                .codeAt(TotpSecret.fromBase32(base32), clock.instant());
    }

    @Test
    void totpEnrolmentIsPendingUntilConfirmedWithAFirstCode() throws SQLException {
        UserRecord alice = alice();
        TotpEnrolmentStart start = users.startTotpEnrolment(alice.id(), "Rampart");

        assertThat(start.otpauthUri()).startsWith("otpauth://totp/Rampart:Alice?secret=" + start.manualEntrySecret());
        assertThat(Arrays.copyOf(start.qrCodePng(), 4)).containsExactly(0x89, 'P', 'N', 'G');
        assertThat(storedColumn("totp_pending_secret", alice.id())).isNotNull();
        assertThat(users.get(alice.id()).orElseThrow().totpEnabled()).isFalse();
        assertThat(attempt("alice", PASSWORD, null).succeeded()).isTrue();

        assertThatThrownBy(() -> users.confirmTotp(alice.id(), "000000".equals(currentCode(start.manualEntrySecret()))
                ? "111111" : "000000")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("device clock");
        assertThat(users.get(alice.id()).orElseThrow().totpEnabled()).isFalse();

        List<String> recovery = users.confirmTotp(alice.id(), currentCode(start.manualEntrySecret()));

        assertThat(recovery).hasSize(10).doesNotHaveDuplicates();
        assertThat(users.get(alice.id()).orElseThrow().totpEnabled()).isTrue();
        assertThat(users.remainingRecoveryCodes(alice.id())).isEqualTo(10);
    }

    @Test
    void confirmingWithoutAStartedEnrolmentFails() {
        UserRecord alice = alice();
        assertThatThrownBy(() -> users.confirmTotp(alice.id(), "123456")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("start one first");
    }

    /** Enrols alice and returns her base32 secret and recovery codes. */
    record Enrolled(UserRecord user, String secret, List<String> recovery) {
    }

    Enrolled enrolledAlice() {
        UserRecord alice = alice();
        String secret = users.startTotpEnrolment(alice.id(), "Rampart").manualEntrySecret();
        List<String> recovery = users.confirmTotp(alice.id(), currentCode(secret));
        clock.advance(Duration.ofSeconds(30));   // the next step, so the confirming code's step is past
        return new Enrolled(alice, secret, recovery);
    }

    @Test
    void anEnrolledUserNeedsTheCurrentCodeWhichWorksOnlyOnce() {
        Enrolled alice = enrolledAlice();

        assertThat(attempt("alice", PASSWORD, null).failure()).contains(LoginFailure.SECOND_FACTOR_REQUIRED);
        String code = currentCode(alice.secret());
        LoginResult ok = attempt("alice", PASSWORD, code);
        assertThat(ok.succeeded()).isTrue();
        assertThat(ok.event().details()).containsEntry("factors", "password,totp");
        assertThat(ok.event().details().toString()).doesNotContain(code);

        // replayed on a restarted gateway (used steps live in the store)
        login = login(users(FAST, TOTP_KEY), LockoutPolicy.DEFAULT);
        LoginResult replay = attempt("alice", PASSWORD, code);
        assertThat(replay.failure()).contains(LoginFailure.WRONG_SECOND_FACTOR);
        assertThat(replay.clientMessage()).isEqualTo(LoginOutcome.GENERIC_FAILURE);
    }

    @Test
    void aCorrectCodeDoesNotHelpAWrongPassword() {
        Enrolled alice = enrolledAlice();
        LoginResult r = attempt("alice", "wrong long passphrase", currentCode(alice.secret()));
        assertThat(r.failure()).contains(LoginFailure.WRONG_PASSWORD);
    }

    @Test
    void aRecoveryCodeStandsInForTheAuthenticatorOnce() {
        Enrolled alice = enrolledAlice();
        String recovery = alice.recovery().get(0);

        LoginResult ok = attempt("alice", PASSWORD, recovery.toLowerCase());
        assertThat(ok.succeeded()).isTrue();
        assertThat(ok.event().details()).containsEntry("factors", "password,recovery-code")
                .containsEntry("recovery_codes_remaining", "9");
        assertThat(attempt("alice", PASSWORD, recovery).failure()).contains(LoginFailure.WRONG_SECOND_FACTOR);

        List<String> fresh = users.regenerateRecoveryCodes(alice.user().id());
        assertThat(attempt("alice", PASSWORD, alice.recovery().get(1)).succeeded()).isFalse();
        assertThat(attempt("alice", PASSWORD, fresh.get(0)).succeeded()).isTrue();
    }

    @Test
    void rolesAreTokensLikeThoseOfApiKeys() {
        UserRecord alice = alice();
        assertThatThrownBy(() -> users.setRoles(alice.id(), Set.of("read only"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'read only'").hasMessageContaining("without spaces");
        assertThatThrownBy(() -> users.setRoles(alice.id(), Set.of(""))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> users.create(new NewUser("bob", Optional.empty(), Set.of("a\nb"), "a second long passphrase")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a?b'");
        assertThat(users.get(alice.id()).orElseThrow().roles()).containsExactly("admin");

        users.setRoles(alice.id(), Set.of());
        assertThat(users.get(alice.id()).orElseThrow().roles()).isEmpty();
        assertThatThrownBy(() -> users.setRoles("nobody", Set.of("admin"))).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void regeneratedRecoveryCodesReplaceEveryUnusedOldOneAtOnce() {
        Enrolled alice = enrolledAlice();
        UserRecord bob = users.create(new NewUser("bob", Optional.empty(), Set.of(), "a second long passphrase"));
        assertThat(attempt("alice", PASSWORD, alice.recovery().get(0)).succeeded()).isTrue();
        assertThat(users.remainingRecoveryCodes()).containsExactly(java.util.Map.entry(alice.user().id(), 9));

        List<String> fresh = users.regenerateRecoveryCodes(alice.user().id());

        assertThat(fresh).hasSize(10).doesNotContainAnyElementsOf(alice.recovery());
        assertThat(users.remainingRecoveryCodes()).containsExactly(java.util.Map.entry(alice.user().id(), 10))
                .doesNotContainKey(bob.id());
        // two old codes suffice (a third failure would lock the account: max 3)
        assertThat(attempt("alice", PASSWORD, alice.recovery().get(1)).failure()).contains(LoginFailure.WRONG_SECOND_FACTOR);
        assertThat(attempt("alice", PASSWORD, alice.recovery().get(9)).failure()).contains(LoginFailure.WRONG_SECOND_FACTOR);
        assertThat(attempt("alice", PASSWORD, fresh.get(3)).succeeded()).isTrue();
    }

    // --- re-authentication ("sudo mode") ---

    LoginResult reauthenticate(String id, String password, String code) {
        clock.advance(Duration.ofSeconds(2));
        return login.reauthenticate(id, Optional.ofNullable(password), Optional.ofNullable(code), IP);
    }

    @Test
    void reauthenticationTakesThePasswordAndCountsFailuresTowardsTheLockout() {
        UserRecord alice = alice();

        LoginResult ok = reauthenticate(alice.id(), PASSWORD, null);
        assertThat(ok.succeeded()).isTrue();
        assertThat(ok.event().details()).containsEntry("purpose", "reauthentication").containsEntry("factors", "password");

        LoginResult wrong = reauthenticate(alice.id(), "wrong long passphrase", null);
        assertThat(wrong.failure()).contains(LoginFailure.WRONG_PASSWORD);
        assertThat(wrong.event().type()).isEqualTo(UserLogin.FAILED);
        assertThat(wrong.event().details()).containsEntry("purpose", "reauthentication");
        reauthenticate(alice.id(), "wrong long passphrase", null);
        reauthenticate(alice.id(), "wrong long passphrase", null);

        // three failures lock the account for logins and re-authentication alike
        assertThat(reauthenticate(alice.id(), PASSWORD, null).failure()).contains(LoginFailure.ACCOUNT_LOCKED);
        assertThat(attempt("alice", PASSWORD, null).failure()).contains(LoginFailure.ACCOUNT_LOCKED);
    }

    @Test
    void reauthenticationTakesACurrentTotpCodeOnceButNoRecoveryCode() {
        Enrolled alice = enrolledAlice();
        String code = currentCode(alice.secret());

        LoginResult ok = reauthenticate(alice.user().id(), null, code);
        assertThat(ok.succeeded()).isTrue();
        assertThat(ok.event().details()).containsEntry("factors", "totp");
        assertThat(reauthenticate(alice.user().id(), null, code).failure()).contains(LoginFailure.WRONG_SECOND_FACTOR);
        assertThat(reauthenticate(alice.user().id(), null, alice.recovery().get(0)).succeeded()).isFalse();
        assertThat(users.remainingRecoveryCodes(alice.user().id())).isEqualTo(10);
    }

    @Test
    void reauthenticationWithACodeFailsWithoutTotpAndNeedsExactlyOneProof() {
        UserRecord alice = alice();
        assertThat(reauthenticate(alice.id(), null, "123456").failure()).contains(LoginFailure.WRONG_SECOND_FACTOR);
        assertThatThrownBy(() -> login.reauthenticate(alice.id(), Optional.of(PASSWORD), Optional.of("123456"), IP))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not both");
        assertThatThrownBy(() -> login.reauthenticate(alice.id(), Optional.empty(), Optional.empty(), IP))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("neither");
        assertThatThrownBy(() -> login.reauthenticate("nobody", Optional.of(PASSWORD), Optional.empty(), IP))
                .isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void disablingTotpDropsTheSecondFactorAndItsCodes() {
        Enrolled alice = enrolledAlice();
        users.disableTotp(alice.user().id());

        assertThat(users.get(alice.user().id()).orElseThrow().totpEnabled()).isFalse();
        assertThat(users.remainingRecoveryCodes(alice.user().id())).isZero();
        assertThat(attempt("alice", PASSWORD, null).succeeded()).isTrue();
        assertThatThrownBy(() -> users.regenerateRecoveryCodes(alice.user().id())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theTotpSecretIsStoredEncryptedUnderTheServerKey() throws SQLException {
        Enrolled alice = enrolledAlice();
        try (Connection c = store.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT totp_secret FROM users WHERE id = ?")) {
            s.setString(1, alice.user().id());
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                byte[] stored = r.getBytes(1);
                assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(alice.secret());
                assertThat(stored.length).isGreaterThan(alice.secret().length());
            }
        }
        byte[] otherKey = "another key of thirty-two bytes!".getBytes(StandardCharsets.US_ASCII);
        login = login(users(FAST, otherKey), LockoutPolicy.DEFAULT);
        assertThatThrownBy(() -> attempt("alice", PASSWORD, currentCode(alice.secret())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("TOTP encryption key differs");
    }

    // --- the store-backed stores on their own ---

    @Test
    void usedTimeStepsAcceptOnlyLaterSteps() {
        StoreBackedUsedTimeSteps steps = new StoreBackedUsedTimeSteps(store);
        assertThat(steps.recordIfLater("u1", 100)).isTrue();
        assertThat(steps.recordIfLater("u1", 100)).isFalse();
        assertThat(steps.recordIfLater("u1", 99)).isFalse();
        assertThat(steps.recordIfLater("u1", 101)).isTrue();
        assertThat(steps.recordIfLater("u2", 100)).isTrue();
    }

    @Test
    void lockoutStatesRoundTripAndAreRemovedByFilter() {
        StoreBackedLockoutStateStore states = new StoreBackedLockoutStateStore(store, "account");
        Instant at = Instant.parse("2026-01-01T00:00:00.123Z");
        LockoutState state = new LockoutState(3, Optional.of(at), Optional.of(at.plusSeconds(60)), 1, false);

        assertThat(states.update("alice", current -> state)).isEqualTo(state);
        assertThat(states.get("alice")).contains(state);
        states.update("alice", current -> new LockoutState(current.failures() + 1, current.lastFailure(),
                Optional.empty(), current.temporaryLockouts(), true));
        assertThat(states.get("alice").orElseThrow().permanentlyLocked()).isTrue();
        states.update("bob", current -> LockoutState.CLEAR);

        states.removeIf(s -> !s.permanentlyLocked());
        assertThat(states.get("bob")).isEmpty();
        assertThat(states.get("alice")).isPresent();
        states.remove("alice");
        assertThat(states.get("alice")).isEmpty();
    }

    @Test
    void namespacesKeepAccountAndAddressCountersApart() {
        StoreBackedLockoutStateStore accounts = new StoreBackedLockoutStateStore(store, "account");
        StoreBackedLockoutStateStore clients = new StoreBackedLockoutStateStore(store, "client");
        LockoutState locked = new LockoutState(30, Optional.empty(), Optional.empty(), 0, true);
        accounts.update("192.0.2.10", s -> locked);

        assertThat(clients.get("192.0.2.10")).isEmpty();
        clients.removeIf(s -> true);
        assertThat(accounts.get("192.0.2.10")).contains(locked);
        assertThatThrownBy(() -> new StoreBackedLockoutStateStore(store, "a%")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentFailuresFromSeveralNodesAreAllCounted() throws Exception {
        int nodes = 4;
        int failuresEach = 10;
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int n = 0; n < nodes; n++) {
                StoreBackedLockoutStateStore node = new StoreBackedLockoutStateStore(store, "account");
                done.add(pool.submit(() -> {
                    for (int i = 0; i < failuresEach; i++) {
                        node.update("carol", s -> new LockoutState(s.failures() + 1, s.lastFailure(), s.lockedUntil(),
                                s.temporaryLockouts(), false));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(new StoreBackedLockoutStateStore(store, "account").get("carol").orElseThrow().failures())
                .isEqualTo(nodes * failuresEach);
    }

    @Test
    void recoveryCodeStoreConsumesEachHashOnce() {
        StoreBackedRecoveryCodeStore codes = new StoreBackedRecoveryCodeStore(store);
        codes.replace("u1", Set.of("h1", "h2"));
        assertThat(codes.remaining("u1")).isEqualTo(2);
        assertThat(codes.consume("u1", "h1")).isTrue();
        assertThat(codes.consume("u1", "h1")).isFalse();
        assertThat(codes.consume("u2", "h2")).isFalse();
        codes.replace("u1", Set.of("h3"));
        assertThat(codes.consume("u1", "h2")).isFalse();
        assertThat(codes.remaining("u1")).isEqualTo(1);
    }
}
