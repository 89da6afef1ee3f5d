package dev.rampart.auth.user;

import static dev.rampart.auth.credential.SecretCredentialTable.joined;

import dev.rampart.auth.lockout.LoginThrottle;
import dev.rampart.auth.password.PasswordHasher;
import dev.rampart.auth.password.PasswordOwner;
import dev.rampart.auth.password.PasswordPolicy;
import dev.rampart.auth.password.PolicyResult;
import dev.rampart.auth.totp.RecoveryCodes;
import dev.rampart.auth.totp.TotpEnrolment;
import dev.rampart.auth.totp.TotpParameters;
import dev.rampart.auth.totp.TotpSecret;
import dev.rampart.auth.totp.TotpVerifier;
import dev.rampart.core.Principal;
import dev.rampart.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The users of the console and admin API, in the store: accounts with an Argon2id password, roles,
 * an optional TOTP second factor and recovery codes. Logins go through {@link UserLogin}.
 *
 * <pre>{@code
 * Users users = new Users(store, PasswordHasher.withDefaults(), policy, totpKey, Clock.systemUTC());
 * UserRecord alice = users.create(new NewUser("alice", Optional.of("alice@example.com"), Set.of("admin"), password));
 * TotpEnrolmentStart start = users.startTotpEnrolment(alice.id(), "Rampart");   // show the QR code
 * List<String> recovery = users.confirmTotp(alice.id(), codeFromApp);            // show once
 * }</pre>
 *
 * <p>Nothing this class returns holds a password hash or a TOTP secret. TOTP secrets are stored
 * encrypted under {@code totpKey}; recovery codes as SHA-256 hashes; used TOTP steps in the store,
 * so a code is accepted once across a cluster.
 *
 * <p><b>Blocking.</b> Every method blocks on the store, and {@link #create} and
 * {@link #changePassword} also spend one Argon2id hash plus one verification per remembered password
 * (about a quarter second each with the defaults): call them from a worker thread. Thread-safe.
 */
public final class Users {

    /** The {@link Principal#authenticator()} of principals established by a user login. */
    public static final String AUTHENTICATOR = "user";
    static final int MAX_USERNAME_LENGTH = 64;
    static final int QR_CODE_PIXELS = 256;

    private final UserRepository repository;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final TotpSecretCipher cipher;
    private final StoreBackedUsedTimeSteps usedSteps;
    private final StoreBackedRecoveryCodeStore recoveryCodeStore;
    private final RecoveryCodes recoveryCodes;
    private final TotpVerifier totp;
    private final Clock clock;
    private final List<Consumer<String>> changeListeners = new CopyOnWriteArrayList<>();

    /**
     * @param totpKey 32 random bytes (AES-256) that encrypt the TOTP secrets in the store; copied. It
     *     must come from a secret source ({@code ${file:…}}, the crypto module), never from the
     *     database it protects. Changing it makes every enrolled user's TOTP unusable.
     */
    public Users(Store store, PasswordHasher hasher, PasswordPolicy policy, byte[] totpKey, Clock clock) {
        Objects.requireNonNull(store, "store");
        this.repository = new UserRepository(store);
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.cipher = new TotpSecretCipher(totpKey);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.usedSteps = new StoreBackedUsedTimeSteps(store);
        this.recoveryCodeStore = new StoreBackedRecoveryCodeStore(store);
        this.recoveryCodes = new RecoveryCodes(recoveryCodeStore);
        this.totp = new TotpVerifier(TotpParameters.DEFAULT, usedSteps, clock);
    }

    /**
     * Creates an enabled user.
     *
     * @throws PasswordRejectedException when the password breaks the policy (every broken rule listed)
     * @throws IllegalArgumentException when the user name is blank, too long, has control characters
     *     or is taken (ignoring case), or the email has no {@code @}
     */
    public UserRecord create(NewUser request) {
        Objects.requireNonNull(request, "request");
        String username = validUsername(request.username());
        request.email().ifPresent(Users::requireEmail);
        String key = LoginThrottle.accountKey(username);
        if (repository.findByUsernameKey(key).isPresent()) {
            throw new IllegalArgumentException("a user named '" + username
                    + "' already exists (names are compared ignoring case) — choose another name");
        }
        PasswordOwner owner = owner(username, request.email(), List.of());
        requireAcceptable(username, request.password(), owner);
        Instant now = now();
        UserRecord user = new UserRecord(UUID.randomUUID().toString(), username, request.email(), validRoles(request.roles()),
                true, now, now, false);
        repository.insert(user, key, hasher.hash(request.password()));
        return user;
    }

    /**
     * Sets a new password after checking it against the policy, including the history: it may not be
     * the current password nor one of the previous {@code policy.history() - 1}.
     *
     * @throws NoSuchElementException when there is no user {@code id}
     * @throws PasswordRejectedException when the password breaks the policy
     */
    public void changePassword(String id, CharSequence newPassword) {
        StoredUser user = existing(id);
        List<String> recent = new ArrayList<>();
        recent.add(user.passwordHash());
        if (policy.history() > 1) {
            recent.addAll(repository.history(id, policy.history() - 1));
        }
        requireAcceptable(user.record().username(), newPassword,
                owner(user.record().username(), user.record().email(), recent));
        repository.changePassword(id, hasher.hash(newPassword), now(), Math.max(0, policy.history() - 1));
        changed(id);
    }

    /**
     * Calls {@code listener} with the user's id after each change of what a login proves or grants:
     * password, roles, enabled flag, TOTP enrolment, deletion. Caches of verified credentials
     * ({@link BasicLogin}) drop the user's entries there. Runs on the thread that made the change;
     * it must not block. A change made by another process is not seen.
     */
    public void addChangeListener(Consumer<String> listener) {
        changeListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private void changed(String id) {
        changeListeners.forEach(l -> l.accept(id));
    }

    /** Stops the user from logging in; their sessions must be invalidated by the caller. */
    public void disable(String id) {
        require(repository.setEnabled(id, false), id);
        changed(id);
    }

    public void enable(String id) {
        require(repository.setEnabled(id, true), id);
        changed(id);
    }

    /**
     * Replaces the user's roles. A privilege change: the caller ends or rotates their sessions
     * (OWASP Session Management: renew the session id on any privilege level change).
     *
     * @throws IllegalArgumentException when a role is empty, over 128 characters or not visible ASCII
     * @throws NoSuchElementException when there is no user {@code id}
     */
    public void setRoles(String id, Set<String> roles) {
        require(repository.setRoles(id, joined(validRoles(roles))), id);
        changed(id);
    }

    /** Deletes the user, their password history, sessions, recovery codes and used TOTP steps. */
    public void delete(String id) {
        require(repository.delete(id), id);
        recoveryCodeStore.forget(id);
        usedSteps.forget(id);
        changed(id);
    }

    public Optional<UserRecord> get(String id) {
        return repository.find(id).map(StoredUser::record);
    }

    /** The user whose login name is {@code username}, ignoring case and surrounding spaces. */
    public Optional<UserRecord> findByUsername(String username) {
        return repository.findByUsernameKey(LoginThrottle.accountKey(username)).map(StoredUser::record);
    }

    /** Every user, oldest first. */
    public List<UserRecord> list() {
        return repository.list();
    }

    /** The principal of an enabled user, for a request authenticated by a session; empty otherwise. */
    public Optional<Principal> principal(String id) {
        return get(id).filter(UserRecord::enabled).map(Users::principalOf);
    }

    /**
     * Starts (or restarts) TOTP enrolment: a new secret is stored pending, encrypted. Logins do not
     * ask for a code until {@link #confirmTotp}. An already active TOTP stays active until then.
     */
    public TotpEnrolmentStart startTotpEnrolment(String id, String issuer) {
        UserRecord user = existing(id).record();
        TotpEnrolment enrolment = TotpEnrolment.create(issuer, user.username(), TotpParameters.DEFAULT);
        require(repository.setPendingTotp(id, cipher.encrypt(id, enrolment.secret())), id);
        return new TotpEnrolmentStart(enrolment.uri(), enrolment.qrCodePng(QR_CODE_PIXELS),
                enrolment.secret().toBase32());
    }

    /**
     * Confirms enrolment with a first code from the app, which proves it holds the secret; TOTP is
     * then required at every login. Returns new recovery codes (older ones are replaced): show them
     * once, only their hashes are kept.
     *
     * @throws IllegalStateException when no enrolment was started
     * @throws IllegalArgumentException when the code is wrong (the enrolment stays pending)
     */
    public List<String> confirmTotp(String id, String code) {
        StoredUser user = existing(id);
        if (user.pendingTotpSecret() == null) {
            throw new IllegalStateException("user " + id + " has no TOTP enrolment to confirm — start one first");
        }
        if (!totp.verify(id, cipher.decrypt(id, user.pendingTotpSecret()), code)) {
            throw new IllegalArgumentException("the code does not match the TOTP secret being enrolled for user " + id
                    + " — check the device clock and enter the current code");
        }
        if (!repository.activatePendingTotp(id, user.pendingTotpSecret(), now())) {
            throw new IllegalStateException("the TOTP enrolment of user " + id
                    + " was restarted or cancelled meanwhile — scan the new QR code");
        }
        changed(id);
        return recoveryCodes.issue(id);
    }

    /** Turns TOTP off (an administrator's recovery path); drops the secret and the recovery codes. */
    public void disableTotp(String id) {
        require(repository.clearTotp(id), id);
        recoveryCodeStore.forget(id);
        usedSteps.forget(id);
        changed(id);
    }

    /** New recovery codes for an enrolled user, replacing the unused ones; show them once. */
    public List<String> regenerateRecoveryCodes(String id) {
        if (!existing(id).record().totpEnabled()) {
            throw new IllegalStateException("user " + id + " has no TOTP enrolled; recovery codes stand in for TOTP");
        }
        return recoveryCodes.issue(id);
    }

    public int remainingRecoveryCodes(String id) {
        return recoveryCodes.remaining(id);
    }

    /** Unused recovery codes per user id, for every user that has any; one store query. */
    public Map<String, Integer> remainingRecoveryCodes() {
        return recoveryCodeStore.remainingByAccount();
    }

    // --- for UserLogin ---

    PasswordHasher hasher() {
        return hasher;
    }

    Optional<StoredUser> findStored(String id) {
        return repository.find(id);
    }

    Optional<StoredUser> findForLogin(String username) {
        return repository.findByUsernameKey(LoginThrottle.accountKey(username));
    }

    boolean verifyTotp(StoredUser user, String code) {
        return totp.verify(user.record().id(), cipher.decrypt(user.record().id(), user.totpSecret()), code);
    }

    boolean redeemRecoveryCode(String id, String code) {
        return recoveryCodes.redeem(id, code);
    }

    void upgradeHash(StoredUser user, String newHash) {
        repository.replaceHash(user.record().id(), user.passwordHash(), newHash);
    }

    static Principal principalOf(UserRecord user) {
        return new Principal(user.id(), Principal.Type.USER, AUTHENTICATOR, user.roles(), Set.of(),
                Map.of("username", user.username()));
    }

    private void requireAcceptable(String username, CharSequence password, PasswordOwner owner) {
        PolicyResult result = policy.check(password, owner);
        if (!result.acceptable()) {
            throw new PasswordRejectedException(username, result.violations());
        }
    }

    private static PasswordOwner owner(String username, Optional<String> email, List<String> previousHashes) {
        PasswordOwner owner = PasswordOwner.of(username).withPreviousHashes(previousHashes);
        return email.map(owner::withEmail).orElse(owner);
    }

    private StoredUser existing(String id) {
        return repository.find(id).orElseThrow(() -> missing(id));
    }

    private static void require(boolean changed, String id) {
        if (!changed) {
            throw missing(id);
        }
    }

    private static NoSuchElementException missing(String id) {
        return new NoSuchElementException("no user with id '" + id + "' — `rampart users list` shows the existing users");
    }

    private static String validUsername(String username) {
        String stripped = username.strip();
        if (stripped.isEmpty() || stripped.length() > MAX_USERNAME_LENGTH
                || stripped.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a user name must have 1 to " + MAX_USERNAME_LENGTH
                    + " characters and no control characters, got " + stripped.length() + " characters");
        }
        return stripped;
    }

    /** Roles are stored space-separated: each is a token of visible ASCII, as an API key's roles. */
    private static Set<String> validRoles(Set<String> roles) {
        Set<String> copy = Set.copyOf(roles);
        for (String role : copy) {
            if (role.isEmpty() || role.length() > 128 || !role.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw new IllegalArgumentException("the role '" + role.replaceAll("\\p{Cntrl}", "?")
                        + "' is not allowed: use 1–128 visible ASCII characters without spaces");
            }
        }
        return copy;
    }

    private static void requireEmail(String email) {
        int at = email.indexOf('@');
        if (at <= 0 || at == email.length() - 1 || email.length() > 254 || email.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("an email address needs a local part, '@' and a domain, without spaces; got '"
                    + email + "'");
        }
    }

    // the store keeps milliseconds; truncating here makes returned records equal what is read back
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
