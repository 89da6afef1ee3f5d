package dev.rampart.gateway.config;

import dev.rampart.auth.password.Argon2idParameters;
import dev.rampart.core.config.Argon2idConfig;
import dev.rampart.core.config.PasswordRulesConfig;
import dev.rampart.core.config.SessionsConfig;
import dev.rampart.core.config.UsersConfig;
import dev.rampart.gateway.console.ConsoleLogin;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/** Checks of the {@code users:} and {@code sessions:} sections, each naming the key it is about. */
final class ConsoleLoginRules {

    /** Last use is written every minute; an idle timeout below that would end sessions in use. */
    private static final Duration MIN_IDLE_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration MAX_LOCKOUT = Duration.ofHours(24);
    private static final Duration MAX_FAILURE_WINDOW = Duration.ofDays(30);
    /** NIST SP 800-63B: passwords of at least 8 characters; verifiers should permit at least 64. */
    private static final int MIN_PASSWORD_LENGTH = 8;
    private static final int MIN_MAX_PASSWORD_LENGTH = 64;
    /** Far above any passphrase, far below the admin API's 64 KiB body limit. */
    private static final int MAX_PASSWORD_LENGTH = 4096;
    private static final int MAX_PASSWORD_HISTORY = 24;
    /** A verified Basic credential outlives a change made elsewhere (another node, the CLI) at most this long. */
    private static final Duration MAX_BASIC_CACHE_TTL = Duration.ofHours(1);

    private ConsoleLoginRules() {
    }

    static void check(UsersConfig users, SessionsConfig sessions, Findings findings) {
        key(users.totpKey(), "users.totp-key", findings);
        if (users.maxLoginFailures() < 1) {
            findings.error("users.max-login-failures", "must be at least 1, got " + users.maxLoginFailures());
        }
        if (users.maxClientFailures() < 1) {
            findings.error("users.max-client-failures", "must be at least 1, got " + users.maxClientFailures());
        }
        lockout(users, findings);
        if (users.permanentLockoutAfter() != null) {
            range("users.permanent-lockout-after", users.permanentLockoutAfter(), 0, 100, "", findings);
        }
        if (users.basicCacheTtl().isNegative() || users.basicCacheTtl().compareTo(MAX_BASIC_CACHE_TTL) > 0) {
            findings.error("users.basic-cache-ttl", "must be between 0s (no cache) and 1h, got " + users.basicCacheTtl());
        }
        passwordRules(users.password(), findings);
        argon2id(users.argon2id(), findings);
        key(sessions.csrfKey(), "sessions.csrf-key", findings);
        if (sessions.idleTimeout().compareTo(MIN_IDLE_TIMEOUT) < 0) {
            findings.error("sessions.idle-timeout", "must be at least 2m (last use is written every minute), got "
                    + sessions.idleTimeout());
        }
        if (sessions.absoluteTimeout().compareTo(sessions.idleTimeout()) < 0) {
            findings.error("sessions.absolute-timeout", "must be at least sessions.idle-timeout ("
                    + sessions.idleTimeout() + "), got " + sessions.absoluteTimeout());
        }
        for (int i = 0; i < sessions.allowedOrigins().size(); i++) {
            origin(sessions.allowedOrigins().get(i), "sessions.allowed-origins[" + i + "]", findings);
        }
    }

    private static void lockout(UsersConfig users, Findings findings) {
        Duration max = users.maxLockoutDuration();
        if (max.compareTo(MAX_LOCKOUT) > 0) {
            findings.error("users.max-lockout-duration", "must be between users.lockout-duration and 24h, got " + max);
        }
        Duration base = users.lockoutDuration();
        if (base.compareTo(Duration.ofSeconds(1)) < 0 || base.compareTo(max) > 0) {
            findings.error("users.lockout-duration", "must be between 1s and users.max-lockout-duration (" + max
                    + "), got " + base);
        }
        Duration window = users.failureWindow();
        if (window.compareTo(Duration.ofMinutes(1)) < 0 || window.compareTo(MAX_FAILURE_WINDOW) > 0) {
            findings.error("users.failure-window", "must be between 1m and 30d, got " + window);
        }
    }

    private static void passwordRules(PasswordRulesConfig p, Findings findings) {
        range("users.password.max-length", p.maxLength(), MIN_MAX_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH,
                " (NIST SP 800-63B: permit at least 64 characters)", findings);
        if (p.minLength() < MIN_PASSWORD_LENGTH || p.minLength() > p.maxLength()) {
            findings.error("users.password.min-length", "must be between " + MIN_PASSWORD_LENGTH
                    + " (NIST SP 800-63B's least) and users.password.max-length (" + p.maxLength() + "), got "
                    + p.minLength());
        }
        range("users.password.history", p.history(), 0, MAX_PASSWORD_HISTORY, "", findings);
    }

    private static void argon2id(Argon2idConfig a, Findings findings) {
        range("users.argon2id.memory-kib", a.memoryKib(), Argon2idParameters.MIN_CONFIGURED_MEMORY_KIB,
                Argon2idParameters.MAX_MEMORY_KIB, " (19456 KiB = 19 MiB is the OWASP minimum for Argon2id)", findings);
        range("users.argon2id.iterations", a.iterations(), Argon2idParameters.MIN_CONFIGURED_ITERATIONS,
                Argon2idParameters.MAX_ITERATIONS, " (2 passes at 19 MiB is the OWASP minimum)", findings);
        range("users.argon2id.parallelism", a.parallelism(), 1, Argon2idParameters.MAX_PARALLELISM, "", findings);
    }

    private static void range(String path, int value, int min, int max, String why, Findings findings) {
        if (value < min || value > max) {
            findings.error(path, "must be between " + min + " and " + max + why + ", got " + value);
        }
    }

    private static void key(String value, String path, Findings findings) {
        if (value == null) {
            return;
        }
        try {
            ConsoleLogin.decodeKey(value, path);
        } catch (IllegalArgumentException e) {
            findings.errorNamingItsPath(e.getMessage(), path);
            return;
        }
        if (!findings.source().isReferenced(path)) {
            findings.warning(path, "the key is written in the config file; reference it instead with "
                    + "${file:/run/secrets/...} or ${ENV_VAR} so the file holds no secret");
        }
    }

    private static void origin(String origin, String path, Findings findings) {
        String problem;
        try {
            URI uri = new URI(origin == null ? "" : origin);
            boolean bare = (uri.getPath() == null || uri.getPath().isEmpty()) && uri.getQuery() == null
                    && uri.getFragment() == null && uri.getUserInfo() == null;
            problem = ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null && bare
                    ? null : "'" + origin + "' is not an origin; write scheme://host[:port] without a path, "
                            + "e.g. https://admin.example.com";
        } catch (URISyntaxException e) {
            problem = "'" + origin + "' is not an origin: " + e.getReason() + "; e.g. https://admin.example.com";
        }
        if (problem != null) {
            findings.error(path, problem);
        }
    }
}
