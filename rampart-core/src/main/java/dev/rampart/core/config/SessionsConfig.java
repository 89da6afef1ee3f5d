package dev.rampart.core.config;

import java.time.Duration;
import java.util.List;

/**
 * The console's login sessions ({@code sessions:}): cookie {@code __Host-rampart-session} on the
 * admin listener, its timeouts and the CSRF token key.
 */
public record SessionsConfig(
        @Secret @Doc("HMAC-SHA256 key of the CSRF tokens: base64 of 32 random bytes, referenced as "
                + "${file:/run/secrets/csrf-key} or ${ENV}. Default: generated at first start and kept in the store "
                + "(under the master key when one is configured).")
        String csrfKey,
        @Doc("A session ends this long after its last use. Default 30m; keep it well above 1m, the interval "
                + "last use is written to the store.")
        Duration idleTimeout,
        @Doc("A session ends this long after the login, however active. Default 12h.") Duration absoluteTimeout,
        @Doc("SameSite attribute of the session cookie: strict (default) or lax.") SameSite sameSite,
        @Doc("Origins (scheme://host[:port]) a browser may send unsafe admin calls from when it sends Origin but "
                + "not Sec-Fetch-Site, e.g. https://admin.example.com. Default: the admin listener's own, "
                + "http://HOST:PORT (and localhost, 127.0.0.1, [::1] on loopback); current browsers send "
                + "Sec-Fetch-Site, which is checked first.")
        List<String> allowedOrigins) {

    /** The cookie's SameSite attribute. */
    public enum SameSite { strict, lax }

    public SessionsConfig {
        idleTimeout = idleTimeout == null ? Duration.ofMinutes(30) : idleTimeout;
        absoluteTimeout = absoluteTimeout == null ? Duration.ofHours(12) : absoluteTimeout;
        sameSite = sameSite == null ? SameSite.strict : sameSite;
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    }

    public static SessionsConfig defaults() {
        return new SessionsConfig(null, null, null, null, null);
    }
}
