package dev.rampart.gateway.config;

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
