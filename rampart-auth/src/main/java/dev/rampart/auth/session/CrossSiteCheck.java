package dev.rampart.auth.session;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a cookie-authenticated request came from, judged by the headers browsers set and pages
 * cannot forge: {@code Sec-Fetch-Site} (Fetch Metadata) first, then {@code Origin} (RFC 6454).
 * A defence in depth beside {@link CsrfTokens}: the gateway requires both on unsafe methods.
 *
 * <pre>{@code
 * CrossSiteCheck origins = new CrossSiteCheck(Set.of("https://admin.example.com"));
 * if (CrossSiteCheck.isUnsafe(method) && !(origins.check(secFetchSite, origin) != Verdict.CROSS_SITE
 *         && csrf.matches(sessionId, token))) deny(403, "csrf");
 * }</pre>
 */
public final class CrossSiteCheck {

    /** What the headers say. */
    public enum Verdict {
        /** The request came from one of the console's own origins, or the user typed it. */
        SAME_ORIGIN,
        /** Another site (or a sibling subdomain) made the browser send it: refuse on unsafe methods. */
        CROSS_SITE,
        /** Neither header was sent (an old browser or a non-browser client): rely on the token. */
        UNKNOWN
    }

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final Set<String> allowedOrigins;

    /** @param allowedOrigins the console's origins, e.g. {@code https://admin.example.com:9090} */
    public CrossSiteCheck(Set<String> allowedOrigins) {
        Objects.requireNonNull(allowedOrigins, "allowedOrigins");
        if (allowedOrigins.isEmpty()) {
            throw new IllegalArgumentException("at least one allowed origin is needed, e.g. https://admin.example.com");
        }
        this.allowedOrigins = allowedOrigins.stream().map(CrossSiteCheck::serialize).collect(Collectors.toUnmodifiableSet());
    }

    /** RFC 9110 §9.2.1: methods other than these change state and need CSRF protection. */
    public static boolean isUnsafe(String method) {
        return !SAFE_METHODS.contains(method.toUpperCase(Locale.ROOT));
    }

    /**
     * @param secFetchSite the {@code Sec-Fetch-Site} header, or null
     * @param origin the {@code Origin} header, or null
     */
    public Verdict check(String secFetchSite, String origin) {
        if (secFetchSite != null) {
            // "same-site" is refused too: a sibling subdomain is another application that may be compromised
            return switch (secFetchSite.strip().toLowerCase(Locale.ROOT)) {
                case "same-origin", "none" -> Verdict.SAME_ORIGIN;
                default -> Verdict.CROSS_SITE;
            };
        }
        if (origin == null) {
            return Verdict.UNKNOWN;
        }
        // "null" (sandboxed frames, some redirects) is opaque: never one of ours
        if (origin.strip().equals("null")) {
            return Verdict.CROSS_SITE;
        }
        try {
            return allowedOrigins.contains(serialize(origin)) ? Verdict.SAME_ORIGIN : Verdict.CROSS_SITE;
        } catch (IllegalArgumentException e) {
            return Verdict.CROSS_SITE;
        }
    }

    /** scheme://host[:port], lower case, default port dropped: the ASCII serialization of an origin. */
    private static String serialize(String origin) {
        try {
            URI uri = new URI(origin.strip());
            if (uri.getScheme() == null || uri.getHost() == null || (uri.getPath() != null && !uri.getPath().isEmpty())) {
                throw new IllegalArgumentException("an origin is scheme://host[:port] without a path, got " + origin);
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1 || scheme.equals("https") && port == 443 || scheme.equals("http") && port == 80;
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not an origin (scheme://host[:port]): " + origin, e);
        }
    }
}
