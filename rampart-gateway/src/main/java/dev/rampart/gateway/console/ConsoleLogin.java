package dev.rampart.gateway.console;

import dev.rampart.auth.lockout.BruteForceProtector;
import dev.rampart.auth.lockout.LockoutPolicy;
import dev.rampart.auth.lockout.LockoutState;
import dev.rampart.auth.lockout.LoginThrottle;
import dev.rampart.auth.password.Argon2idParameters;
import dev.rampart.auth.password.CharacterClass;
import dev.rampart.auth.password.PasswordBlocklist;
import dev.rampart.auth.password.PasswordHasher;
import dev.rampart.auth.password.PasswordPolicy;
import dev.rampart.auth.session.CrossSiteCheck;
import dev.rampart.auth.session.CsrfTokens;
import dev.rampart.auth.session.SessionCookie;
import dev.rampart.auth.session.SessionSettings;
import dev.rampart.auth.session.Sessions;
import dev.rampart.auth.user.BasicLogin;
import dev.rampart.auth.user.StoreBackedLockoutStateStore;
import dev.rampart.auth.user.UserLogin;
import dev.rampart.auth.user.Users;
import dev.rampart.core.config.AdminConfig;
import dev.rampart.core.config.Argon2idConfig;
import dev.rampart.core.config.PasswordRulesConfig;
import dev.rampart.core.config.RampartConfig;
import dev.rampart.core.config.SessionsConfig;
import dev.rampart.core.config.UsersConfig;
import dev.rampart.crypto.Crypto;
import dev.rampart.gateway.crypto.CredentialSecret;
import dev.rampart.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The console's accounts and login sessions, built once at gateway start like the API keys: the
 * users, their login with the account and address lockouts (shared with HTTP Basic on routes), the
 * sessions, the session cookie and the CSRF tokens. A reload does not rebuild them (the keys and timeouts need a restart).
 */
public final class ConsoleLogin {

    /** Store setting of the TOTP key when {@code users.totp-key} is not configured. */
    public static final String TOTP_KEY_SETTING = "users.totp-key";
    /** Store setting of the CSRF key when {@code sessions.csrf-key} is not configured. */
    public static final String CSRF_KEY_SETTING = "sessions.csrf-key";
    /** The role that lets a user call the admin API with a session. */
    public static final String ADMIN_ROLE = "admin";
    /** The issuer shown by authenticator apps for Rampart's TOTP entries. */
    public static final String TOTP_ISSUER = "Rampart";
    private static final int KEY_BYTES = 32;
    /** Verified Basic credentials kept at most (least recently used go first): one per active API caller. */
    private static final int MAX_CACHED_BASIC_LOGINS = 10_000;

    private final Users users;
    private final UserLogin login;
    private final BasicLogin basicLogin;
    private final BruteForceProtector accounts;
    private final BruteForceProtector clients;
    private final Sessions sessions;
    private final SessionCookie cookie;
    private final CsrfTokens csrf;
    private final CrossSiteCheck crossSite;

    private ConsoleLogin(Store store, RampartConfig config, Path baseDir, Crypto crypto) {
        Clock clock = Clock.systemUTC();
        this.users = usersOf(store, config, baseDir, crypto);
        LockoutPolicy policy = lockoutPolicy(config.users());
        this.accounts = new BruteForceProtector(accountLockoutPolicy(config.users()),
                new StoreBackedLockoutStateStore(store, "account"), clock);
        this.clients = new BruteForceProtector(policy.withMaxFailures(config.users().maxClientFailures()),
                new StoreBackedLockoutStateStore(store, "client"), clock);
        this.login = new UserLogin(users, new LoginThrottle(accounts, clients), clock);
        this.basicLogin = new BasicLogin(users, login, config.users().basicCacheTtl(), MAX_CACHED_BASIC_LOGINS, clock);
        SessionsConfig s = config.sessions();
        this.sessions = new Sessions(store, new SessionSettings(s.idleTimeout(), s.absoluteTimeout()), clock);
        this.cookie = s.sameSite() == SessionsConfig.SameSite.lax ? SessionCookie.lax() : SessionCookie.strict();
        this.csrf = new CsrfTokens(key(s.csrfKey(), "sessions.csrf-key", store, CSRF_KEY_SETTING, crypto));
        this.crossSite = new CrossSiteCheck(s.allowedOrigins().isEmpty() ? ownOrigins(config.admin())
                : new HashSet<>(s.allowedOrigins()));
    }

    /**
     * Opens the console login over {@code store}; the keys not configured are read from the store,
     * generated at first use. Blocks on the store.
     *
     * @param baseDir what relative paths of the config (the password blocklist file) are relative to
     * @param crypto the crypto service with a master key loaded (generated keys are kept under it), or null
     */
    public static ConsoleLogin open(Store store, RampartConfig config, Path baseDir, Crypto crypto) {
        return new ConsoleLogin(store, config, baseDir, crypto);
    }

    /** The users over {@code store}; shared by the gateway and {@code rampart users}. Blocks on the store. */
    public static Users usersOf(Store store, RampartConfig config, Path baseDir, Crypto crypto) {
        byte[] totpKey = key(config.users().totpKey(), "users.totp-key", store, TOTP_KEY_SETTING, crypto);
        return new Users(store, passwordHasher(config.users()), passwordPolicy(config.users(), baseDir), totpKey,
                Clock.systemUTC());
    }

    /** The Argon2id cost of {@code users.argon2id}, already checked by the config rules. */
    public static PasswordHasher passwordHasher(UsersConfig users) {
        Argon2idConfig a = users.argon2id();
        return PasswordHasher.with(Argon2idParameters.requireConfigurable(a.memoryKib(), a.iterations(), a.parallelism()));
    }

    /**
     * The rules of {@code users.password}: lengths, history, required character classes and the
     * blocklist file (read here; the config rules checked that it is readable), the name and email
     * never part of it.
     */
    public static PasswordPolicy passwordPolicy(UsersConfig users, Path baseDir) {
        PasswordRulesConfig p = users.password();
        PasswordPolicy.Builder policy = PasswordPolicy.builder().minLength(p.minLength()).maxLength(p.maxLength())
                .history(p.history());
        for (PasswordRulesConfig.CharacterClass required : p.require()) {
            policy.require(CharacterClass.valueOf(required.name().toUpperCase(Locale.ROOT)));
        }
        if (p.blocklistFile() != null) {
            policy.blocklist(PasswordBlocklist.load(baseDir.resolve(p.blocklistFile())));
        }
        return policy.build();
    }

    /**
     * The account lockout of {@code users:}: the {@linkplain #lockoutPolicy shared one}, made permanent
     * after {@code permanent-lockout-after} temporary lockouts when that is set.
     */
    public static LockoutPolicy accountLockoutPolicy(UsersConfig users) {
        LockoutPolicy shared = lockoutPolicy(users);
        return users.permanentLockoutAfter() == null ? shared : shared.withPermanentLockoutAfter(users.permanentLockoutAfter());
    }

    /** The temporary lockout of {@code users:}; the address lockout is this with {@code max-client-failures}. */
    public static LockoutPolicy lockoutPolicy(UsersConfig users) {
        LockoutPolicy base = LockoutPolicy.DEFAULT.withMaxFailures(users.maxLoginFailures())
                .withWait(users.lockoutDuration(), users.maxLockoutDuration())
                .withFailureResetTime(users.failureWindow());
        return base.withQuickLoginCheck(users.quickLoginCheck(),
                users.quickLoginCheck().isZero() ? Duration.ZERO : base.minimumQuickLoginWait());
    }

    /**
     * Decodes a configured key, 32 bytes in base64.
     *
     * @throws IllegalArgumentException naming {@code path} when it is not base64 of 32 bytes
     */
    public static byte[] decodeKey(String configured, String path) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(configured.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": is not base64; give 32 random bytes in base64, e.g. from "
                    + "'openssl rand -base64 32'", e);
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException(path + ": decodes to " + key.length + " bytes, needs " + KEY_BYTES
                    + " (e.g. 'openssl rand -base64 32')");
        }
        return key;
    }

    private static byte[] key(String configured, String path, Store store, String setting, Crypto crypto) {
        return configured == null ? CredentialSecret.read(store, setting, crypto) : decodeKey(configured, path);
    }

    /**
     * The admin listener's own origins, the default of {@code sessions.allowed-origins}: its address
     * and, on loopback, the names a browser on the host uses for it. With port 0 the real port is
     * chosen at bind time and these match nothing: browsers that send {@code Sec-Fetch-Site} (all
     * current ones) are still checked by it.
     */
    static Set<String> ownOrigins(AdminConfig admin) {
        Set<String> origins = new HashSet<>();
        String host = admin.host().contains(":") ? "[" + admin.host() + "]" : admin.host();
        origins.add("http://" + host + ":" + admin.port());
        if (admin.host().equals("127.0.0.1") || admin.host().equals("::1") || admin.host().equals("localhost")) {
            origins.add("http://localhost:" + admin.port());
            origins.add("http://127.0.0.1:" + admin.port());
            origins.add("http://[::1]:" + admin.port());
        }
        return origins;
    }

    /** Writes the sessions' last use, drops ended sessions and forgotten lockouts. Blocks; on a worker. */
    public void housekeeping() {
        sessions.flushLastSeen();
        sessions.removeExpired();
        accounts.forgetStale();
        clients.forgetStale();
    }

    /** Lifts the lockout of the account named {@code username} (temporary or permanent). Blocks. */
    public void unlock(String username) {
        accounts.unlock(LoginThrottle.accountKey(username));
    }

    /** The failed-login record of the account named {@code username}, if one is kept. Blocks. */
    public Optional<LockoutState> lockout(String username) {
        return accounts.state(LoginThrottle.accountKey(username));
    }

    public Users users() {
        return users;
    }

    public UserLogin login() {
        return login;
    }

    /** HTTP Basic for users on routes: {@link #login()} behind a cache of verified credentials. */
    public BasicLogin basicLogin() {
        return basicLogin;
    }

    public Sessions sessions() {
        return sessions;
    }

    public SessionCookie cookie() {
        return cookie;
    }

    public CsrfTokens csrf() {
        return csrf;
    }

    public CrossSiteCheck crossSite() {
        return crossSite;
    }
}
