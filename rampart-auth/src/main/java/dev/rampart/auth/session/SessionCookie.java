package dev.rampart.auth.session;

import java.util.Objects;
import java.util.Optional;

/**
 * The session cookie's {@code Set-Cookie} values (RFC 6265bis) and reading it back from a
 * {@code Cookie} header.
 *
 * <pre>{@code
 * SessionCookie cookie = SessionCookie.strict();     // or SessionCookie.lax()
 * response.header("Set-Cookie", cookie.setCookie(issued.id()));
 * // __Host-rampart-session=…; Path=/; Secure; HttpOnly; SameSite=Strict
 * }</pre>
 *
 * <ul>
 *   <li>{@code __Host-} prefix: browsers accept the cookie only with {@code Secure}, {@code Path=/}
 *       and no {@code Domain}, so a sibling subdomain or a plain-HTTP page cannot plant or overwrite it
 *       (cookie tossing, a route to session fixation).</li>
 *   <li>{@code HttpOnly}: page scripts cannot read it, so an XSS cannot exfiltrate the session.</li>
 *   <li>{@code SameSite=Strict} by default: not sent on any cross-site request, the first line
 *       against CSRF. {@code Lax} lets a link from elsewhere open the console logged in (top-level
 *       GET only); the CSRF token still guards unsafe methods.</li>
 *   <li>No {@code Max-Age}: a browser session cookie; the server's timeouts decide validity.</li>
 * </ul>
 */
public final class SessionCookie {

    public static final String NAME = "__Host-rampart-session";

    /** The SameSite attribute's values that make sense for a session cookie. */
    public enum SameSite {
        STRICT("Strict"),
        LAX("Lax");

        private final String attribute;

        SameSite(String attribute) {
            this.attribute = attribute;
        }
    }

    private final SameSite sameSite;

    private SessionCookie(SameSite sameSite) {
        this.sameSite = Objects.requireNonNull(sameSite, "sameSite");
    }

    public static SessionCookie strict() {
        return new SessionCookie(SameSite.STRICT);
    }

    public static SessionCookie lax() {
        return new SessionCookie(SameSite.LAX);
    }

    public static SessionCookie of(SameSite sameSite) {
        return new SessionCookie(sameSite);
    }

    /** The {@code Set-Cookie} value that gives the browser this session id. */
    public String setCookie(String sessionId) {
        Objects.requireNonNull(sessionId, "sessionId");
        if (!sessionId.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ';' && c != ',' && c != '"' && c != '\\')) {
            throw new IllegalArgumentException("a session id must be cookie-safe ASCII (RFC 6265 cookie-octet)");
        }
        return NAME + "=" + sessionId + attributes();
    }

    /** The {@code Set-Cookie} value that removes the cookie, for logout. */
    public String clearCookie() {
        return NAME + "=" + attributes() + "; Max-Age=0";
    }

    /** The session id in a {@code Cookie} request header, if the session cookie is there. */
    public Optional<String> read(String cookieHeader) {
        if (cookieHeader == null) {
            return Optional.empty();
        }
        for (String pair : cookieHeader.split(";")) {
            String trimmed = pair.strip();
            int eq = trimmed.indexOf('=');
            if (eq > 0 && trimmed.substring(0, eq).equals(NAME)) {
                String value = trimmed.substring(eq + 1);
                return value.isEmpty() ? Optional.empty() : Optional.of(value);
            }
        }
        return Optional.empty();
    }

    private String attributes() {
        return "; Path=/; Secure; HttpOnly; SameSite=" + sameSite.attribute;
    }
}
